/**
 * Two people on one board, in real Chromium against the real server: one adds an idea to
 * "Ekonomiska resurser", the other sees it with its text and area; it survives a reload, moves
 * to another area and is re-tagged; and no request leaves this machine.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, storedBoard, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInByApi, signInThroughForm } from '../helpers/browser'
import { eventually } from '../helpers/syncHarness'

const VIEWPORT = { width: 1366, height: 768 }
const IDEA = 'Sök EU-medel för meröppna filialer'

let server: AppServer
let browser: Browser
const foreignRequests: string[] = []

function watchRequests(context: BrowserContext) {
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol === 'data:' || url.protocol === 'blob:') return
    if (!['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) foreignRequests.push(request.url())
  })
}

async function newUser(email: string, viaForm: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  watchRequests(context)
  const page = await context.newPage()
  if (viaForm) await signInThroughForm(page, server.url, email, DEMO_PASSWORD)
  else await signInByApi(context, server.url, email, DEMO_PASSWORD)
  return { context, page }
}

async function openDemoBoard(page: Page): Promise<string> {
  await page.goto(server.url)
  await page.getByRole('link', { name: /Verksamhetsplan/ }).click()
  await page.waitForURL(/\/boards\//)
  await page.locator('.area[data-area="ekonomi"]').waitFor()
  await expect.poll(() => page.locator('.connection').getAttribute('data-state')).toBe('connected')
  return page.url().split('/boards/')[1]
}

function noteWithText(page: Page, text: string) {
  return page.locator('.tl-shape[data-shape-type="note"]', { hasText: text })
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('two people on one board', () => {
  it('shares a new idea with its area, keeps it over a reload, and re-tags it when moved', async () => {
    const facilitator = await newUser(DEMO_USERS.facilitator.email, true)
    const participant = await newUser(DEMO_USERS.participant.email, false)
    const boardId = await openDemoBoard(facilitator.page)
    expect(await openDemoBoard(participant.page)).toBe(boardId)

    // The facilitator adds an idea through the area's own button.
    await facilitator.page.getByRole('button', { name: 'Lägg till idé i Ekonomiska resurser' }).click()
    await facilitator.page.keyboard.type(IDEA)
    await facilitator.page.keyboard.press('Escape')

    // The participant sees it, with its text and its area.
    const seen = noteWithText(participant.page, IDEA)
    await seen.waitFor({ timeout: 15_000 })
    await expect.poll(() => seen.locator('.note-area-tag').getAttribute('data-note-area')).toBe('ekonomi')
    expect(await seen.locator('.note-area-tag').textContent()).toBe('Ekonomiska resurser')

    // The document itself knows the area (what exports and other clients read).
    const stored = await eventually(async () => {
      const board = await storedBoard(server, boardId)
      const area = board.steps.flatMap((s) => s.areas).find((a) => a.id === 'ekonomi')!
      const note = area.notes.find((n) => n.text === IDEA)
      if (!note) throw new Error('idea not stored yet')
      return note
    })
    expect(stored.createdBy?.name).toBe(DEMO_USERS.facilitator.name)

    // A reload brings it back from the server.
    await participant.page.reload()
    await noteWithText(participant.page, IDEA).waitFor({ timeout: 15_000 })

    // Dragging it into "Relationer och image" re-tags it for everyone.
    const note = noteWithText(facilitator.page, IDEA)
    const from = (await note.boundingBox())!
    const target = (await facilitator.page.locator('.area[data-area="relationer"]').boundingBox())!
    await facilitator.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
    await facilitator.page.mouse.down()
    await facilitator.page.mouse.move(target.x + target.width / 2, target.y + target.height * 0.7, { steps: 12 })
    await facilitator.page.mouse.up()
    await expect
      .poll(() => noteWithText(participant.page, IDEA).locator('.note-area-tag').getAttribute('data-note-area'), {
        timeout: 15_000,
      })
      .toBe('relationer')
    await eventually(async () => {
      const board = await storedBoard(server, boardId)
      const relationer = board.steps.flatMap((s) => s.areas).find((a) => a.id === 'relationer')!
      if (!relationer.notes.some((n) => n.text === IDEA)) throw new Error('move not stored yet')
    })

    expect(foreignRequests).toEqual([])
    await facilitator.context.close()
    await participant.context.close()
  })

  it('grows a note with its text and selects it by a click where it grew', async () => {
    // A note's geometry (what a click or a selection box hits) is its record's height, and its
    // label's is measured only when first asked (TaggedNoteShapeUtil.getGeometry): after the
    // text grows, both must follow it.
    const { context, page } = await newUser(DEMO_USERS.facilitator.email, false)
    await openDemoBoard(page)
    await page.getByRole('button', { name: 'Lägg till idé i Ekonomiska resurser' }).click()
    await page.keyboard.type('Växande idé')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    const note = noteWithText(page, 'Växande idé')
    const label = note.locator('[data-isselected]')
    const before = (await note.boundingBox())!
    await expect.poll(() => label.getAttribute('data-isselected')).toBe('false')

    // Select it by its text, edit it, and add eleven lines.
    await page.mouse.click(before.x + before.width / 2, before.y + before.height / 2)
    await expect.poll(() => label.getAttribute('data-isselected')).toBe('true')
    await page.keyboard.press('Enter')
    await note.locator('[contenteditable="true"]').waitFor()
    await page.keyboard.press('Control+End')
    for (let line = 2; line <= 12; line++) {
      await page.keyboard.press('Enter')
      await page.keyboard.type(`rad ${line}`)
    }
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await expect.poll(() => label.getAttribute('data-isselected')).toBe('false')
    await expect.poll(async () => (await note.boundingBox())!.height).toBeGreaterThan(before.height * 1.3)
    const after = (await note.boundingBox())!

    // Below where the note used to end, a click now selects it.
    await page.mouse.click(after.x + after.width / 2, after.y + (before.height + after.height) / 2)
    await expect.poll(() => label.getAttribute('data-isselected')).toBe('true')
    await context.close()
  })

  it('answers an unknown board with a proper 404 page', async () => {
    const { context, page } = await newUser(DEMO_USERS.facilitator.email, false)
    const response = await page.goto(`${server.url}/boards/no-such-board-here`)
    expect(response?.status()).toBe(404)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sidan finns inte')
    await context.close()
  })

  it('tells a wrong password plainly, without a stack trace', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT })
    const page = await context.newPage()
    await page.goto(`${server.url}/signin`)
    await page.getByLabel('E-post').fill(DEMO_USERS.facilitator.email)
    await page.getByLabel('Lösenord').fill('wrong password')
    await page.getByRole('button', { name: 'Logga in' }).click()
    await expect.poll(() => page.locator('#signin-error').textContent()).toBe('Fel e-post eller lösenord.')
    expect(page.url()).toContain('/signin')
    expect(await page.content()).not.toMatch(/at .*\.(js|ts):\d+/)
    await context.close()
  })
})
