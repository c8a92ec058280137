/**
 * WCAG 2.1 AA in real Chromium: axe-core finds no serious or critical violation on any page or
 * dialog (sign-in, home, board canvas and outline, the facilitator's panel, sharing and export
 * dialogs, the guest join page, the phone page, accounts, not found); the skip link moves focus
 * into the content on every page; dialogs give focus back to the button that opened them; and
 * a signed-in person without a language cookie gets the language stored in their account.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCALE_COOKIE } from '../../lib/i18n/locales'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { seriousViolations } from '../helpers/axe'
import { launchBrowser, signInByApi } from '../helpers/browser'
import { focused, named, tabTo } from '../helpers/keyboard'
import { cameraAtRest } from '../helpers/camera'

const VIEWPORT = { width: 1366, height: 768 }
const POLL = { timeout: 15_000 }

let server: AppServer
let browser: Browser
let facilitator: Page
let boardId: string
let joinUrl: string
const contexts: BrowserContext[] = []

async function newContext(email: string | null): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  contexts.push(context)
  if (email) await signInByApi(context, server.url, email, DEMO_PASSWORD)
  return context
}

/** Opens the board on the canvas (the outline, once chosen, is remembered). */
async function openBoard(page: Page) {
  await page.goto(`${server.url}/boards/${boardId}`)
  await page.locator('.connection[data-state="connected"]').waitFor()
  const canvas = page.getByRole('button', { name: 'Tavla', exact: true })
  if ((await canvas.getAttribute('aria-pressed')) !== 'true') await canvas.click()
  await page.locator('.area[data-area="ekonomi"]').waitFor()
}

/** True when the skip link is the first thing on the page the keyboard can reach. */
function skipLinkComesFirst(page: Page) {
  return page.evaluate(() => {
    const focusable = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])'
    return document.querySelector(focusable)?.classList.contains('skip-link') ?? false
  })
}

function post(page: Page, path: string, data: unknown) {
  return page.request.post(`${server.url}${path}`, { data, headers: { origin: server.url } })
}

/** Asserts axe finds nothing serious or critical, printing what it found otherwise. */
async function expectNoSeriousViolations(page: Page) {
  expect(await seriousViolations(page)).toEqual([])
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  facilitator = await (await newContext(DEMO_USERS.facilitator.email)).newPage()
  await facilitator.goto(server.url)
  await facilitator.getByRole('link', { name: /Verksamhetsplan/ }).click()
  await facilitator.waitForURL(/\/boards\//)
  boardId = facilitator.url().split('/boards/')[1]
  const invite = await post(facilitator, `/api/boards/${boardId}/invites`, { role: 'participant', label: 'Filial Skärholmen' })
  joinUrl = ((await invite.json()) as { url: string }).url
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.stop()
})

describe('axe-core finds no serious or critical violations', () => {
  it('on the sign-in page, in Swedish and in English', async () => {
    const page = await (await newContext(null)).newPage()
    await page.goto(`${server.url}/signin`)
    await expectNoSeriousViolations(page)
    await page.getByRole('button', { name: /English/ }).click()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
    // The refreshed page's title arrives a moment after its content.
    await expect.poll(() => page.title(), POLL).toBe('Sign in · Strategitavlan')
    await expectNoSeriousViolations(page)
  })

  it('on the home page', async () => {
    await facilitator.goto(server.url)
    await expectNoSeriousViolations(facilitator)
  })

  it('on the board’s canvas, during a voting round, with the facilitator’s panel open (which gives focus back when closed)', async () => {
    expect(
      (
        await post(facilitator, `/api/boards/${boardId}/facilitation`, {
          type: 'voting.start',
          votesPerPerson: 3,
          areas: null,
          anonymous: false,
        })
      ).status(),
    ).toBe(200)
    await openBoard(facilitator)
    await facilitator.locator('.note-votes').first().waitFor()
    await expectNoSeriousViolations(facilitator)
    await facilitator.getByRole('button', { name: 'Leda', exact: true }).focus()
    await facilitator.keyboard.press('Enter')
    const panel = facilitator.getByRole('complementary', { name: 'Leda workshopen' })
    await panel.waitFor()
    await expectNoSeriousViolations(facilitator)
    // Closing the panel gives focus back to the button that opened it.
    await panel.getByRole('button', { name: 'Stäng' }).focus()
    await facilitator.keyboard.press('Enter')
    await panel.waitFor({ state: 'detached' })
    await expect.poll(() => focused(facilitator)).toMatchObject({ tag: 'button', name: 'Leda' })
  })

  it('on the board’s outline, with a note being edited and one being moved', async () => {
    await openBoard(facilitator)
    await facilitator.getByRole('button', { name: 'Lista' }).click()
    const outline = facilitator.getByTestId('outline')
    await outline.waitFor()
    await expectNoSeriousViolations(facilitator)
    await outline.getByRole('button', { name: /^Redigera ”Nya intäktskällor/ }).click()
    await outline.getByRole('button', { name: /^Flytta ”Minskade kostnader/ }).click()
    await expectNoSeriousViolations(facilitator)
    await facilitator.keyboard.press('Escape')
    await facilitator.getByRole('button', { name: 'Tavla', exact: true }).click()
  })

  it('in the sharing dialog, which gives focus back to its button when closed', async () => {
    await openBoard(facilitator)
    await facilitator.getByRole('button', { name: 'Dela' }).focus()
    await facilitator.keyboard.press('Enter')
    const dialog = facilitator.getByRole('dialog', { name: 'Dela tavlan' })
    await dialog.getByText('Filial Skärholmen').waitFor()
    await expectNoSeriousViolations(facilitator)
    await facilitator.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await focused(facilitator)).toMatchObject({ tag: 'button', name: 'Dela' })
  })

  it('in the export dialog, which gives focus back to its button when closed', async () => {
    await facilitator.getByRole('button', { name: 'Exportera' }).focus()
    await facilitator.keyboard.press('Enter')
    const dialog = facilitator.getByRole('dialog', { name: 'Exportera tavlan' })
    await dialog.waitFor()
    await expectNoSeriousViolations(facilitator)
    await dialog.getByRole('button', { name: 'Stäng' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await focused(facilitator)).toMatchObject({ tag: 'button', name: 'Exportera' })
  })

  it('on the guest join page and the phone page', async () => {
    const guest = await (await newContext(null)).newPage()
    await guest.goto(joinUrl)
    await guest.getByLabel('Ditt namn').waitFor()
    await expectNoSeriousViolations(guest)

    await facilitator.goto(`${server.url}/boards/${boardId}/phone`)
    await facilitator.getByLabel('Din idé').waitFor()
    await expectNoSeriousViolations(facilitator)
  })

  it('on the accounts page and the not-found page', async () => {
    await facilitator.goto(`${server.url}/admin/users`)
    await expectNoSeriousViolations(facilitator)
    await facilitator.goto(`${server.url}/boards/does-not-exist`)
    await facilitator.getByRole('heading', { name: 'Sidan finns inte' }).waitFor()
    await expectNoSeriousViolations(facilitator)
  })

  it('on the administrators’ board list and log, and the account page', async () => {
    for (const path of ['/admin/boards', '/admin/audit', '/account']) {
      await facilitator.goto(`${server.url}${path}`)
      await facilitator.locator('h1').waitFor()
      await expectNoSeriousViolations(facilitator)
    }
  })

  it('on the accessibility statement, in Swedish and in English, for visitors who are not signed in', async () => {
    const visitor = await (await newContext(null)).newPage()
    await visitor.goto(`${server.url}/tillganglighet`)
    await visitor.getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse för Strategitavlan' }).waitFor()
    await visitor.getByRole('link', { name: 'kontakta DIGG och påtala det' }).waitFor()
    await expectNoSeriousViolations(visitor)
    await visitor.getByRole('link', { name: 'English' }).click()
    await visitor.getByRole('heading', { level: 1, name: 'Accessibility statement for Strategitavlan' }).waitFor()
    expect(await visitor.locator('main').getAttribute('lang')).toBe('en')
    await expectNoSeriousViolations(visitor)
  })
})

describe('keyboard access on every page', () => {
  const pages = () => [
    { name: 'sign-in', path: '/signin', signedIn: false },
    { name: 'guest join', path: new URL(joinUrl).pathname, signedIn: false },
    { name: 'home', path: '/', signedIn: true },
    { name: 'board', path: `/boards/${boardId}`, signedIn: true },
    { name: 'phone', path: `/boards/${boardId}/phone`, signedIn: true },
    { name: 'accounts', path: '/admin/users', signedIn: true },
    { name: 'boards (admin)', path: '/admin/boards', signedIn: true },
    { name: 'account', path: '/account', signedIn: true },
    { name: 'accessibility statement', path: '/tillganglighet', signedIn: false },
  ]

  it('starts with a skip link that moves focus into the main content', async () => {
    const visitor = await (await newContext(null)).newPage()
    for (const { name, path, signedIn } of pages()) {
      const page = signedIn ? facilitator : visitor
      await page.goto(`${server.url}${path}`)
      if (name === 'board') await page.locator('.connection[data-state="connected"]').waitFor()
      expect(await skipLinkComesFirst(page), name).toBe(true)
      // Back from wherever the page put focus (the sign-in form's email field, the canvas), or
      // forward from the top when it put it nowhere.
      const start = await focused(page)
      await tabTo(page, named(/^Hoppa till innehållet$/), { backwards: start.tag !== 'body', max: 25 })
      expect(await page.locator('.skip-link').evaluate((el) => el.getBoundingClientRect().top >= 0), name).toBe(true)
      await page.keyboard.press('Enter')
      await expect
        .poll(() => page.evaluate(() => document.getElementById('main')?.contains(document.activeElement) ?? false), {
          ...POLL,
          message: name,
        })
        .toBe(true)
      await page.keyboard.press('Tab')
      expect(
        await page.evaluate(() => document.getElementById('main')?.contains(document.activeElement)),
        `${name}: Tab after the skip link`,
      ).toBe(true)
    }
  })

  it('lets the keyboard leave the canvas, which explains how', async () => {
    await openBoard(facilitator)
    const hint = await facilitator.locator('main#main').getAttribute('aria-describedby')
    expect(await facilitator.locator(`#${hint}`).textContent()).toContain('Esc')
    await facilitator.locator('.tl-canvas').click({ position: { x: 700, y: 420 } })
    expect((await focused(facilitator)).inCanvas).toBe(true)
    await facilitator.keyboard.press('Escape')
    await tabTo(facilitator, (f) => !f.inCanvas && f.tag !== 'body', { max: 80, backwards: true })
  })
})

describe('reflow', () => {
  /** Elements wider than their box: the page itself, the header, the outline. */
  const overflowing = (page: Page) =>
    page.evaluate(() =>
      ['html', '.app-header', '[data-testid="outline"]', 'main']
        .map((selector) => document.querySelector(selector))
        .filter((el): el is Element => !!el && el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} > ${el.clientWidth}`),
    )

  it('fits every page, the outline included, in 320 CSS pixels without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${server.url}/signin`)
    expect(await overflowing(page), 'sign-in').toEqual([])
    await page.goto(joinUrl)
    expect(await overflowing(page), 'join').toEqual([])

    await signInByApi(context, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
    for (const path of ['/', `/boards/${boardId}/phone`, '/admin/users']) {
      await page.goto(`${server.url}${path}`)
      expect(await overflowing(page), path).toEqual([])
    }
    await page.goto(`${server.url}/boards/${boardId}`)
    await page.locator('.connection[data-state="connected"]').waitFor()
    const outline = page.getByRole('button', { name: 'Lista', exact: true })
    if ((await outline.getAttribute('aria-pressed')) !== 'true') await outline.click()
    await page.getByTestId('outline').waitFor()
    expect(await overflowing(page), 'board outline').toEqual([])
  })
})

describe('reduced motion', () => {
  const zoom = (page: Page) => page.getByTestId('minimap.zoom-menu-button').textContent()

  it('makes the canvas jump where it would glide, and stills CSS animations', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: 'reduce' })
    contexts.push(context)
    await signInByApi(context, server.url, DEMO_USERS.participant.email, DEMO_PASSWORD)
    const page = await context.newPage()
    await openBoard(page)
    const fitted = await zoom(page)
    await page.locator('.tl-canvas').click({ position: { x: 700, y: 420 } })
    await page.keyboard.press('Shift+0') // 100 %
    await expect.poll(() => zoom(page)).toBe('100%')
    await page.getByRole('button', { name: 'Visa hela tavlan' }).click()
    // Two frames on, a 300 ms glide would still be under way; a jump is done: the camera then
    // is where it comes to rest.
    const cameraNow = () => page.evaluate(() => getComputedStyle(document.querySelector('.tl-html-layer')!).transform)
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    const twoFramesOn = await cameraNow()
    await cameraAtRest(page)
    expect(await cameraNow()).toBe(twoFramesOn)
    await expect.poll(() => zoom(page)).toBe(fitted)
    expect(await page.locator('.connection').evaluate((el) => getComputedStyle(el).animationDuration)).toMatch(/^(0s|1e-05s)$/)
  })
})

describe('the language', () => {
  it('comes from the account when the browser has no language cookie', async () => {
    const context = await newContext(DEMO_USERS.participant.email)
    const page = await context.newPage()
    await page.goto(server.url)
    await page.getByRole('heading', { name: 'Mina tavlor' }).waitFor()
    await page.getByRole('button', { name: /English/ }).click()
    await page.getByRole('heading', { name: 'My boards' }).waitFor()

    await context.clearCookies({ name: LOCALE_COOKIE })
    await page.reload()
    await page.getByRole('heading', { name: 'My boards' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')

    // Someone signed out has no account to ask: Swedish.
    const stranger = await (await newContext(null)).newPage()
    await stranger.goto(`${server.url}/signin`)
    expect(await stranger.locator('html').getAttribute('lang')).toBe('sv')
  })
})
