/**
 * A facilitated workshop on a projector (1366×768) with a full board of 300 notes: the whole
 * board in view clear of tldraw's toolbar, presentation mode walking every frame with a
 * participant following, its font sizes measured on the page, and a header that keeps to
 * one row with the timer, the voting round, the private round and a long board name.
 */
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { LOCALE_COOKIE } from '../../lib/i18n/locales'
import { NOTES_PER_PAGE, PRESENTATION_FRAMES } from '../../lib/board/presentation'
import { AREAS } from '../../lib/planning/planningModel'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInByApi } from '../helpers/browser'
import { cameraAtRest } from '../helpers/camera'
import { importWorkshop, workshopNotes } from '../helpers/importWorkshop'

const SHOTS = process.env.PRESENTATION_SCREENSHOTS_DIR
const PROJECTOR = { width: 1366, height: 768 }
const NOTES = 300
/** The first note of Ekonomiska resurser (notes go round the areas in turn) sits in a theme. */
const THEMED_NOTE = AREAS.findIndex((area) => area.id === 'ekonomi')
const LONG_NAME = 'Verksamhetsplan 2027 för Stadsbiblioteket och alla filialer i söderort – heldagsworkshop med ledningsgruppen'

let server: AppServer
let browser: Browser
let boardId: string
let facilitator: { context: BrowserContext; page: Page }
let participant: { context: BrowserContext; page: Page }

async function person(email: string) {
  const context = await browser.newContext({ viewport: PROJECTOR })
  await signInByApi(context, server.url, email, DEMO_PASSWORD)
  const page = await context.newPage()
  return { context, page }
}

async function openBoard(page: Page) {
  await page.goto(`${server.url}/boards/${boardId}`)
  await page.locator('.area[data-area="ekonomi"]').waitFor()
  await page.locator('.connection[data-state="connected"]').waitFor()
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

const command = (body: unknown) =>
  facilitator.context.request.post(`${server.url}/api/boards/${boardId}/facilitation`, {
    data: body,
    headers: { origin: server.url },
  })

const fontPx = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluateAll((elements) =>
      elements.map((e) => parseFloat(getComputedStyle(e).fontSize) * (e.getBoundingClientRect().height > 0 ? 1 : 0)),
    )

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  facilitator = await person(DEMO_USERS.facilitator.email)
  participant = await person(DEMO_USERS.participant.email)
  boardId = await importWorkshop(facilitator.context.request, server.url, {
    name: LONG_NAME,
    notes: workshopNotes(NOTES),
    themes: [{ title: 'Språkcaféer', note: THEMED_NOTE }],
  })
  const share = await facilitator.context.request.post(`${server.url}/api/boards/${boardId}/members`, {
    data: { email: DEMO_USERS.participant.email, role: 'participant' },
    headers: { origin: server.url },
  })
  expect(share.status()).toBeLessThan(300)
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the whole board on a projector', () => {
  it('fits all 300 notes with the map clear of tldraw’s toolbar, area titles readable', async () => {
    const { page } = facilitator
    await openBoard(page)
    await expect.poll(() => page.locator('.tl-shape[data-shape-type="note"]').count(), { timeout: 30_000 }).toBe(NOTES)
    await page.getByRole('button', { name: 'Visa hela tavlan' }).click()
    await cameraAtRest(page)
    await shot(page, 'fit-300-notes')
    const toolbar = (await page.locator('.tlui-main-toolbar').first().boundingBox())!
    const lowest = await page.locator('.area').evaluateAll((zones) => Math.max(...zones.map((z) => z.getBoundingClientRect().bottom)))
    expect(lowest).toBeLessThanOrEqual(toolbar.y)
    // Semantic zoom: far out, every zone and step card has a label at a readable size, with
    // the zone's note count.
    const labels = page.locator('.map-label')
    // Every zone has one (a step card too narrow for its title is left to its colour).
    await expect.poll(() => page.locator('.map-label:not(.map-label--step)').count()).toBe(AREAS.length)
    expect(Math.min(...(await fontPx(page, '.map-label__title')))).toBeGreaterThanOrEqual(14)
    expect(Math.min(...(await fontPx(page, '.map-label__count')))).toBeGreaterThanOrEqual(12)
    expect(await page.locator('[data-map-label="ekonomi"] .map-label__count').textContent()).toBe(
      `${workshopNotes(NOTES).filter((n) => n.area === 'ekonomi').length} lappar`,
    )
    for (const box of await labels.evaluateAll((all) => all.map((l) => l.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.top).toBeGreaterThanOrEqual(0)
      expect(box.bottom).toBeLessThanOrEqual(768)
    }
  })

  it('leaves notes’ text unpainted while too small to read, and paints it again close up', async () => {
    const { page } = facilitator
    const textShown = () =>
      page
        .locator('.tl-shape[data-shape-type="note"] .tl-text-content')
        .evaluateAll((texts) => texts.filter((t) => getComputedStyle(t).visibility === 'visible' && t.textContent).length)
    const zoom = () => page.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector('.tl-html-layer')!).transform).a)
    // At the whole board (300 notes) a note's 22 px text would be about 2–4 px: none is drawn.
    await page.getByRole('button', { name: 'Visa hela tavlan' }).click()
    await cameraAtRest(page)
    expect(await zoom()).toBeLessThan(0.2)
    await expect.poll(textShown).toBe(0)
    expect(await page.locator('.tl-container[data-notes-far]').count()).toBe(1)
    // The step cards' own texts give way to the map (their labels where a card is wide enough),
    // not drawn under and around a label.
    const stepTitlesShown = () =>
      page.locator('.step__title').evaluateAll((titles) => titles.filter((t) => getComputedStyle(t).visibility === 'visible').length)
    expect(await stepTitlesShown()).toBe(0)
    // The text is still in the document (the outline, search and exports read it).
    expect(await page.locator('.tl-shape[data-shape-type="note"] .tl-text-content').first().textContent()).not.toBe('')
    // At 100 % every note on the screen shows its text again.
    await page.keyboard.press('Shift+0')
    await cameraAtRest(page)
    expect(await zoom()).toBeCloseTo(1, 2)
    await expect.poll(textShown).toBeGreaterThan(0)
    expect(await page.locator('.tl-container[data-notes-far]').count()).toBe(0)
    expect(await page.locator('.map-label--step').count()).toBe(0)
    expect(await stepTitlesShown()).toBe(3)
    await shot(page, 'notes-at-100')
    // Back to the whole board, where the next tests read the map labels.
    await page.getByRole('button', { name: 'Visa hela tavlan' }).click()
    await cameraAtRest(page)
    await expect.poll(textShown).toBe(0)
  })

  it('keeps the camera moving between a mouse wheel’s notches, so the notes are not redrawn at each', async () => {
    const { page } = facilitator
    await page.getByRole('button', { name: 'Visa hela tavlan' }).click()
    await cameraAtRest(page)
    // Twelve Ctrl + wheel notches 90 ms apart, as a mouse wheel turned steadily gives them, sent
    // in the page (no round trip between them). tldraw redraws which shapes it shows, and the
    // zoom the far notes follow, each time the camera stops: counted by its hit-test blocker,
    // which hides while the camera is still.
    const { stops, moves } = (await page.evaluate(`new Promise((resolve) => {
      const blocker = document.querySelector('.tl-hit-test-blocker')
      const layer = document.querySelector('.tl-html-layer.tl-shapes')
      let stops = 0
      let moves = 0
      const stopped = new MutationObserver(() => { if (blocker.classList.contains('tl-hit-test-blocker__hidden')) stops++ })
      stopped.observe(blocker, { attributes: true, attributeFilter: ['class'] })
      const moved = new MutationObserver(() => moves++)
      moved.observe(layer, { attributes: true, attributeFilter: ['style'] })
      const canvas = document.querySelector('.tl-canvas')
      const box = canvas.getBoundingClientRect()
      let notch = 0
      const timer = setInterval(() => {
        const deltaY = notch < 6 ? -100 : 100
        canvas.dispatchEvent(new WheelEvent('wheel', { deltaY, ctrlKey: true, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true, cancelable: true }))
        if (++notch === 12) {
          clearInterval(timer)
          setTimeout(() => { stopped.disconnect(); moved.disconnect(); resolve({ stops, moves }) }, 600)
        }
      }, 90)
    })`)) as { stops: number; moves: number }
    expect(moves).toBeGreaterThanOrEqual(12)
    // Once, after the last notch; with tldraw's 64 ms it stopped at every notch (12).
    expect(stops).toBeLessThanOrEqual(3)
    await cameraAtRest(page)
  })
})

describe('the map at Visa hela tavlan', () => {
  it('counts only notes with text on the map labels, not one someone is still writing', async () => {
    const ekonomi = facilitator.page.locator('[data-map-label="ekonomi"] .map-label__count')
    const written = `${workshopNotes(NOTES).filter((n) => n.area === 'ekonomi').length} lappar`
    expect(await ekonomi.textContent()).toBe(written)
    // The participant adds an idea to Ekonomiska resurser and has typed nothing yet.
    await openBoard(participant.page)
    await participant.page.locator('summary', { hasText: /^\+ Lägg till idé/ }).click()
    await participant.page.locator('.menu__items button', { hasText: 'Ekonomiska resurser' }).click()
    await participant.page.waitForFunction(() => !!document.activeElement?.closest('.tl-shape[data-shape-type="note"]'), null, {
      timeout: 10_000,
    })
    // The empty note reaches the facilitator's map, which does not count it.
    const onMap = facilitator.page.locator('.tl-shape[data-shape-type="note"]')
    await expect.poll(() => onMap.count(), { timeout: 15_000 }).toBe(NOTES + 1)
    expect(await ekonomi.textContent()).toBe(written)
    // Once it holds text it counts.
    await participant.page.keyboard.type('Sponsring')
    await expect
      .poll(() => ekonomi.textContent(), { timeout: 15_000 })
      .toBe(`${workshopNotes(NOTES).filter((n) => n.area === 'ekonomi').length + 1} lappar`)
    await participant.page.keyboard.press('Control+a')
    await participant.page.keyboard.press('Delete')
    await participant.page.keyboard.press('Escape')
    await expect.poll(() => onMap.count(), { timeout: 15_000 }).toBe(NOTES)
    expect(await ekonomi.textContent()).toBe(written)
  })

  it('keeps vote buttons at least 24 px at every zoom, and leaves them to the map where a note is too small', async () => {
    const p = participant.page
    expect((await command({ type: 'voting.start', votesPerPerson: 3, areas: null, anonymous: false })).status()).toBe(200)
    await openBoard(p)
    await expect.poll(() => p.locator('.tl-shape[data-shape-type="note"]').count(), { timeout: 30_000 }).toBe(NOTES)
    await p.getByRole('button', { name: 'Visa hela tavlan' }).click()
    // Whole board, 300 notes: a note is about 22 px wide on screen, no room for a 24 px button.
    await expect.poll(() => p.locator('.note-votes[data-vote-buttons="none"]').count(), { timeout: 10_000 }).toBe(NOTES)
    expect(await p.locator('.note-votes .note-votes__button').count()).toBe(0)
    const hint = p.getByTestId('zoom-to-vote')
    expect(await hint.textContent()).toBe('Zooma in eller öppna Lista för att rösta')
    expect(Math.min(...(await fontPx(p, '[data-testid="zoom-to-vote"]')))).toBeGreaterThanOrEqual(14)
    // The tally per area, readable on the map labels.
    expect(await p.locator('[data-map-label="ekonomi"] .map-label__votes').textContent()).toBe('● 0 röster')
    expect(Math.min(...(await fontPx(p, '.map-label__votes')))).toBeGreaterThanOrEqual(12)
    expect(await p.locator('.map-label__votes').count()).toBe(AREAS.length)

    // Zooming in, step by step: every button on the screen is at least 24×24 CSS px.
    const visibleButtons = (selector = '.note-votes__button') =>
      p.locator(selector).evaluateAll((buttons) =>
        buttons
          .map((b) => ({ r: b.getBoundingClientRect(), b }))
          .filter(({ r }) => r.width > 0 && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight)
          .map(({ r, b }) => {
            const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)
            return { w: r.width, h: r.height, hit: b.contains(top), clear: r.top > 110 && r.bottom < innerHeight - 80 }
          }),
      )
    const themeButtons = '.theme__votes .note-votes__button'
    // A theme of one note is about 26 px wide here: room for its vote button at most, which is
    // no smaller than a note's.
    expect(await p.locator('.theme__votes').getAttribute('data-vote-buttons')).not.toBe('both')
    for (const size of await visibleButtons(themeButtons)) expect(Math.min(size.w, size.h)).toBeGreaterThanOrEqual(23.9)
    const zoomNow = () =>
      p.evaluate(() => {
        const layer = document.querySelector('.tl-html-layer') as HTMLElement | null
        return layer ? new DOMMatrix(getComputedStyle(layer).transform).a : NaN
      })
    const measured: string[] = []
    // Zooming as on a touchpad: pinches (wheel with Ctrl) over the note in the theme in
    // Ekonomiska resurser, which stays under the pointer.
    const aim = (await p.locator('[data-theme]').boundingBox())!
    await p.mouse.move(aim.x + aim.width / 2, aim.y + aim.height / 2)
    for (const target of [0.13, 0.2, 0.5, 1]) {
      for (let i = 0; i < 40 && (await zoomNow()) < target; i++) {
        await p.keyboard.down('Control')
        await p.mouse.wheel(0, -60)
        await p.keyboard.up('Control')
      }
      await expect
        .poll(
          async () => {
            const sizes = await visibleButtons()
            return sizes.length === 0 ? 0 : Math.min(...sizes.flatMap((s) => [s.w, s.h]))
          },
          { timeout: 10_000, message: `smallest vote button at zoom ${target}` },
        )
        .toBeGreaterThanOrEqual(23.9)
      const sizes = await visibleButtons()
      const both = await p.getByRole('button', { name: 'Ta tillbaka en röst' }).count()
      measured.push(
        `zoom ${(await zoomNow()).toFixed(2)}: ${sizes.length} buttons (${both} notes with both), ${Math.min(...sizes.map((s) => s.w)).toFixed(1)}–${Math.max(...sizes.map((s) => s.w)).toFixed(1)} px`,
      )
      if (target >= 0.5) expect(both).toBeGreaterThan(0)
      // The theme's buttons as well: on screen and at least 24 px; once the notes' controls no
      // longer crowd each other (as they do far out, see the pictures), on top where they are.
      const theme = await visibleButtons(themeButtons)
      await shot(p, `vote-buttons-zoom-${target}`)
      expect(theme.length, `theme buttons at zoom ${target}`).toBeGreaterThan(0)
      expect(Math.min(...theme.flatMap((s) => [s.w, s.h])), `theme buttons at zoom ${target}`).toBeGreaterThanOrEqual(23.9)
      if (target >= 0.5) {
        expect(theme.length).toBe(2)
        // Named as a vote for the theme, not for a note.
        expect(await p.locator('.theme__votes').getByRole('button', { name: 'Rösta på temat' }).count()).toBe(1)
        // Clear of the page's header and tldraw's toolbar, they take the pointer (once the
        // camera has come to rest).
        await expect
          .poll(async () => (await visibleButtons(themeButtons)).filter((s) => s.clear && !s.hit).length, {
            timeout: 10_000,
            message: `theme buttons under something else at zoom ${target}`,
          })
          .toBe(0)
      }
      measured.push(`theme ${theme.length} buttons, ${Math.min(...theme.map((s) => s.w)).toFixed(1)} px`)
    }
    console.log(`vote buttons at 1366×768: ${measured.join('; ')}`)
    expect(await hint.count()).toBe(0)

    // And one can be hit: a vote from a button on the screen counts.
    const index = await p.getByRole('button', { name: 'Rösta på lappen' }).evaluateAll((buttons) =>
      buttons.findIndex((b) => {
        const r = b.getBoundingClientRect()
        return (
          r.top > 80 &&
          r.bottom < innerHeight - 80 &&
          r.left > 0 &&
          r.right < innerWidth &&
          b.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2))
        )
      }),
    )
    expect(index).toBeGreaterThanOrEqual(0)
    await p.getByRole('button', { name: 'Rösta på lappen' }).nth(index).click()
    await expect.poll(() => p.getByTestId('voting-status').textContent()).toBe('2 röster kvar')
    expect((await command({ type: 'voting.end' })).status()).toBe(200)
  })
})

describe('presentation mode', () => {
  it('walks every frame and page, the participant sees the same, and text stays large', async () => {
    await openBoard(participant.page)
    const { page } = facilitator
    await page.getByRole('button', { name: 'Presentera' }).click()
    const mine = page.locator('.presentation')
    const theirs = participant.page.locator('.presentation')
    await expect.poll(() => theirs.getAttribute('data-frame')).toBe('intro')
    await shot(page, 'present-intro')

    const seen: string[] = []
    const next = page.getByRole('button', { name: 'Nästa' })
    for (let i = 0; i < 100; i++) {
      const frame = (await mine.getAttribute('data-frame'))!
      const pageNo = (await mine.getAttribute('data-page'))!
      seen.push(`${frame}#${pageNo}`)
      await expect
        .poll(async () => `${await theirs.getAttribute('data-frame')}#${await theirs.getAttribute('data-page')}`)
        .toBe(`${frame}#${pageNo}`)
      if (frame.startsWith('area-')) {
        for (const p of [page, participant.page]) {
          const notes = await fontPx(p, '.presentation__noteText')
          expect(notes.length).toBeGreaterThan(0)
          expect(notes.length).toBeLessThanOrEqual(NOTES_PER_PAGE)
          expect(Math.min(...notes), `${frame} note text`).toBeGreaterThanOrEqual(14)
          expect(Math.min(...(await fontPx(p, '.presentation__title--area'))), `${frame} title`).toBeGreaterThanOrEqual(24)
          // Everything on the page is on the screen: nothing scrolls out of sight.
          const overflow = await p.locator('.presentation__frame').evaluate((e) => e.scrollHeight - e.clientHeight)
          expect(overflow, `${frame} page ${pageNo} fits`).toBeLessThanOrEqual(0)
        }
        if (frame === 'area-ekonomi' && pageNo === '1') await shot(page, 'present-area-page-2')
      }
      if (frame === 'step-2') await shot(page, 'present-step-2')
      if (await next.isDisabled()) break
      await next.click()
      await expect
        .poll(async () => `${await mine.getAttribute('data-frame')}#${await mine.getAttribute('data-page')}`)
        .not.toBe(`${frame}#${pageNo}`)
    }
    const frames = [...new Set(seen.map((s) => s.split('#')[0]))]
    expect(frames).toEqual(PRESENTATION_FRAMES.map((f) => f.key))
    const perArea = Math.ceil(NOTES / AREAS.length / NOTES_PER_PAGE)
    expect(seen.filter((s) => s.startsWith('area-ekonomi#')).length).toBe(perArea)
    expect(await mine.getAttribute('data-frame')).toBe('results')
    await expect.poll(() => next.isDisabled()).toBe(true)

    // Back with the keyboard, onto the loop.
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => theirs.getAttribute('data-frame')).toBe('loop')

    // The participant steps out to the board and back in.
    await participant.page.getByRole('button', { name: 'Lämna presentationen' }).click()
    await expect.poll(() => theirs.count()).toBe(0)
    await participant.page.getByRole('button', { name: 'Följ presentationen' }).click()
    await expect.poll(() => theirs.getAttribute('data-frame')).toBe('loop')

    await page.getByRole('button', { name: 'Avsluta presentationen' }).click()
    await expect.poll(() => theirs.count()).toBe(0)
  })
})

describe('the board header at 1366 px', () => {
  it('keeps to one row with the timer, a voting round, a private round and a long name, in both languages', async () => {
    for (const locale of ['sv', 'en'] as const) {
      const { context, page } = facilitator
      await context.addCookies([{ name: LOCALE_COOKIE, value: locale, url: server.url }])
      await openBoard(page)
      const header = page.locator('.app-header')
      const bare = (await header.boundingBox())!.height
      expect((await command({ type: 'timer.start', minutes: 10 })).status()).toBe(200)
      expect((await command({ type: 'voting.start', votesPerPerson: 3, areas: null, anonymous: true, hideTally: true })).status()).toBe(200)
      expect((await command({ type: 'private.start' })).status()).toBe(200)
      await page.locator('.timer').waitFor()
      await page.locator('.role-notice--private').waitFor()
      await page.locator('[data-testid="voting-status"]').waitFor()
      await shot(page, `header-full-${locale}`)
      expect((await header.boundingBox())!.height, locale).toBe(bare)
      const main = (await page.locator('#main').boundingBox())!
      const toolbar = (await page.locator('.board-toolbar').boundingBox())!
      expect(main.y).toBeGreaterThanOrEqual(toolbar.y + toolbar.height - 1)
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366)
      await command({ type: 'voting.end' })
      await command({ type: 'private.reveal' })
      await command({ type: 'timer.reset' })
    }
  })
})
