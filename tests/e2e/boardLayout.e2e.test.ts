/**
 * A board that holds a real workshop, in Chromium at 1366×768: *Lägg till idé* eight times
 * gives eight separate notes in the zone, Esc on a new empty note leaves no note, three people
 * adding to one area in a private round are three separate notes after the reveal, and tidying
 * a 60-note area keeps every note's area and undo takes it back. What the server stored is
 * checked with the layout's own rules (tests/helpers/layoutCheck.ts).
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TLNoteShape, TLRecord } from '@tldraw/tlschema'
import { privateDocId } from '../../lib/board/docIds'
import { readRecords } from '../../lib/board/docLayout'
import { readNoteMeta } from '../../lib/board/noteMeta'
import { hashPassword } from '../../lib/auth/password'
import { openSqliteStore } from '../../server/store/sqliteStore'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, storedPrivateTexts, type AppServer } from '../helpers/appServer'
import { loadStoredDoc } from '../helpers/boardNotes'
import { launchBrowser, signInByApi, signInThroughForm } from '../helpers/browser'
import { importWorkshop } from '../helpers/importWorkshop'
import { cleanReport, layoutReport, type LayoutReport } from '../helpers/layoutCheck'
import { eventually } from '../helpers/syncHarness'
import { cameraAtRest } from '../helpers/camera'

const VIEWPORT = { width: 1366, height: 768 }
let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []

interface StoredNote {
  id: string
  areaId: string | null
  x: number
  y: number
  text: string
  fontSizeAdjustment: number | null
}

/** The board as the app server stored it: its notes and the layout's verdict on them. */
async function stored(boardId: string): Promise<{ notes: StoredNote[]; report: LayoutReport }> {
  const store = openSqliteStore(server.dbPath)
  try {
    const doc = await loadStoredDoc(store.docs, boardId)
    const records = readRecords(doc)
    const notes = [...records.values()]
      .filter((r): r is TLNoteShape => r.typeName === 'shape' && r.type === 'note')
      .map((n) => ({
        id: n.id,
        areaId: readNoteMeta(n.meta).areaId,
        x: n.x,
        y: n.y,
        text: JSON.stringify(n.props.richText),
        fontSizeAdjustment: n.props.fontSizeAdjustment,
      }))
    const report = layoutReport(records)
    doc.destroy()
    return { notes, report }
  } finally {
    await store.close()
  }
}

/** The board as one person's browser holds it, as stored: the board's records and their private ones. */
async function storedView(boardId: string, userId: string): Promise<Map<string, TLRecord>> {
  const store = openSqliteStore(server.dbPath)
  try {
    const board = await loadStoredDoc(store.docs, boardId)
    const own = await loadStoredDoc(store.docs, privateDocId(boardId, userId))
    const view = new Map<string, TLRecord>([...readRecords(board), ...readRecords(own)])
    board.destroy()
    own.destroy()
    return view
  } finally {
    await store.close()
  }
}

async function page(email: string, signIn: 'form' | 'api' = 'api'): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  contexts.push(context)
  const opened = await context.newPage()
  if (signIn === 'form') await signInThroughForm(opened, server.url, email, DEMO_PASSWORD)
  else await signInByApi(context, server.url, email, DEMO_PASSWORD)
  return opened
}

async function openBoard(on: Page, boardId: string) {
  await on.goto(`${server.url}/boards/${boardId}`)
  await on.locator('.area[data-area="ekonomi"]').waitFor()
  await on.locator('.connection[data-state="connected"]').waitFor()
}

async function facilitate(on: Page, label: string) {
  const panel = on.getByRole('complementary', { name: 'Leda workshopen' })
  if (!(await panel.isVisible())) await on.getByRole('button', { name: 'Leda', exact: true }).click()
  await panel.getByRole('button', { name: label }).click()
  return panel
}

const emptyBoard = (request: Page['request'], name: string, notes: { area: 'ekonomi'; text: string }[] = [], shuffled = false) =>
  importWorkshop(request, server.url, { name, notes, shuffled })

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.stop()
})

describe('a board that holds a workshop', () => {
  it('gives eight clicks on Lägg till idé eight separate notes in the zone, and Esc on an empty one no note', async () => {
    const facilitator = await page(DEMO_USERS.facilitator.email, 'form')
    const boardId = await emptyBoard(facilitator.request, 'Åtta idéer')
    await openBoard(facilitator, boardId)
    const add = facilitator.getByRole('button', { name: 'Lägg till idé i Uppdrag' })
    for (let i = 1; i <= 8; i++) {
      await clickInView(facilitator, add)
      // As a person would, type once the new note shows its caret.
      await facilitator.waitForFunction(() => !!document.activeElement?.closest('.tl-shape[data-shape-type="note"]'), null, {
        timeout: 10_000,
      })
      await facilitator.keyboard.type(`Uppdragsidé ${i}`)
    }
    await facilitator.keyboard.press('Escape')
    await eventually(async () => {
      const { notes, report } = await stored(boardId)
      expect(notes.filter((n) => n.text.includes('Uppdragsidé'))).toHaveLength(8)
      expect(notes.every((n) => n.areaId === 'uppdrag')).toBe(true)
      expect(report).toEqual(cleanReport(8))
    }, 20_000)

    // A new note left empty with Esc is no note: not on the board, not in the count. A ninth
    // idea added after it, through the same button and socket, is the sentinel: once it is
    // stored, the empty note's coming and going would have been stored before it.
    await clickInView(facilitator, add)
    await facilitator.keyboard.press('Escape')
    await clickInView(facilitator, add)
    await facilitator.waitForFunction(() => !!document.activeElement?.closest('.tl-shape[data-shape-type="note"]'), null, {
      timeout: 10_000,
    })
    await facilitator.keyboard.type('Uppdragsidé 9')
    await facilitator.keyboard.press('Escape')
    await eventually(
      async () => expect((await stored(boardId)).notes.map((n) => n.text).filter((t) => t.includes('Uppdragsidé 9'))).toHaveLength(1),
      20_000,
    )
    const { notes } = await stored(boardId)
    expect(notes).toHaveLength(9)
    expect(notes.every((n) => n.text.includes('Uppdragsidé'))).toBe(true)
    expect(await facilitator.locator('.tl-shape[data-shape-type="note"]').count()).toBe(9)
    expect(await facilitator.locator('.area[data-area="uppdrag"] .area__count').textContent()).toBe('9 lappar')
  })

  it('breaks a long Swedish compound at a syllable instead of shrinking the note, and stores no soft hyphen', async () => {
    const facilitator = await page(DEMO_USERS.facilitator.email)
    const boardId = await emptyBoard(facilitator.request, 'Långa ord')
    await openBoard(facilitator, boardId)
    const add = facilitator.getByRole('button', { name: 'Lägg till idé i Uppdrag' })
    const typing = () =>
      facilitator.waitForFunction(() => !!document.activeElement?.closest('.tl-shape[data-shape-type="note"]'), null, { timeout: 10_000 })
    await clickInView(facilitator, add)
    await typing()
    await facilitator.keyboard.type('Kort idé')
    await clickInView(facilitator, add)
    await typing()
    const typed = 'Kompetensutvecklingsinsatser för folkbibliotekspersonal'
    await facilitator.keyboard.type(typed)
    await facilitator.keyboard.press('Escape')
    let longId = ''
    await eventually(async () => {
      const long = (await stored(boardId)).notes.find((n) => n.text.includes('Kompetens'))
      expect(long?.text).toContain(typed)
      expect(long?.fontSizeAdjustment ?? 1).toBe(1)
      longId = long!.id
    }, 15_000)

    // Drawn with soft hyphens in its long words, at the same font size as a short note (tldraw
    // alone shrinks the font until "Kompetensutvecklingsinsatser" fits one line), and no word
    // runs over the note's edge.
    const label = (id: string) => facilitator.locator(`.tl-shape[data-shape-id="${id}"] .tl-text-content__wrapper`)
    const shortId = (await stored(boardId)).notes.find((n) => n.text.includes('Kort idé'))!.id
    await eventually(async () => expect(await label(longId).textContent()).toContain('Kom\u00ADpe\u00ADtens'), 10_000)
    const fontSize = (id: string) => label(id).evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(await fontSize(longId)).toBe(await fontSize(shortId))
    const overflow = await label(longId).evaluate((el) => {
      const text = el.querySelector('.tl-rich-text')!
      return text.scrollWidth - text.clientWidth
    })
    expect(overflow).toBeLessThanOrEqual(1)

    // Edited again after being drawn with soft hyphens: the stored text still has none. (Esc
    // first: a click on the note still selected since typing would start editing at once.)
    await facilitator.keyboard.press('Escape')
    await facilitator.locator(`.tl-shape[data-shape-id="${longId}"]`).click()
    await facilitator.keyboard.press('Enter')
    // Enter selects the whole text once the text editor is up (a moment after it takes focus):
    // only then does the caret go to the end, or the selection would swallow what is typed.
    await facilitator.waitForFunction((text) => window.getSelection()?.toString().replace(/\s+/g, ' ').trim() === text, typed, {
      timeout: 10_000,
    })
    await facilitator.keyboard.press('ControlOrMeta+End')
    await facilitator.keyboard.type(' nu')
    await facilitator.keyboard.press('Escape')
    await eventually(async () => {
      const long = (await stored(boardId)).notes.find((n) => n.id === longId)!
      expect(long.text).toContain(`${typed} nu`)
      expect(long.text).not.toContain('\u00AD')
      expect(long.fontSizeAdjustment ?? 1).toBe(1)
    }, 15_000)
  })

  it('puts a note dropped with the note tool on top of another in a free place of its zone, at once', async () => {
    const facilitator = await page(DEMO_USERS.facilitator.email)
    const notes = Array.from({ length: 40 }, (_, i) => ({ area: 'ekonomi' as const, text: `Budgetidé ${i + 1}` }))
    const boardId = await emptyBoard(facilitator.request, 'Lappverktyget', notes)
    await openBoard(facilitator, boardId)
    await eventually(async () => expect((await stored(boardId)).report).toEqual(cleanReport(40)), 15_000)
    const boxes = () =>
      facilitator.locator('.tl-shape[data-shape-type="note"]').evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect()
          return { x: r.x, y: r.y, w: r.width, h: r.height }
        }),
      )
    // Zoomed so a note is large enough to aim at, the target in the middle of the canvas.
    const target = facilitator.locator('.tl-shape[data-shape-type="note"]').filter({ hasText: 'Budgetidé 12' })
    await target.click()
    await facilitator.keyboard.press('Shift+2')
    await facilitator.keyboard.press('Escape')
    // Aims once the camera has stopped moving.
    let aim = (await target.boundingBox())!
    for (let settled = 0; settled < 3;) {
      await facilitator.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
      const next = (await target.boundingBox())!
      settled = next.x === aim.x && next.y === aim.y && next.width === aim.width ? settled + 1 : 0
      aim = next
    }
    await facilitator.keyboard.press('n')
    await facilitator.mouse.click(aim.x + aim.width * 0.6, aim.y + aim.height * 0.5)
    await facilitator.waitForFunction(() => !!document.activeElement?.closest('.tl-shape[data-shape-type="note"]'), null, {
      timeout: 10_000,
    })

    // Before the server could have done anything (a new note is left alone while empty), the
    // note lies clear of every other, inside the zone (the nearest free cell: see the unit tests).
    const now = await boxes()
    expect(now).toHaveLength(41)
    const dropped = await facilitator.evaluate(() => {
      const r = document.activeElement!.closest('.tl-shape')!.getBoundingClientRect()
      return { x: r.x, y: r.y, w: r.width, h: r.height }
    })
    const overlaps = now.filter(
      (b) =>
        !(b.x === dropped.x && b.y === dropped.y) &&
        b.x < dropped.x + dropped.w - 1 &&
        dropped.x < b.x + b.w - 1 &&
        b.y < dropped.y + dropped.h - 1 &&
        dropped.y < b.y + b.h - 1,
    )
    expect(overlaps).toEqual([])
    const zone = (await facilitator.locator('.area[data-area="ekonomi"]').boundingBox())!
    expect(dropped.x).toBeGreaterThanOrEqual(zone.x)
    expect(dropped.y).toBeGreaterThanOrEqual(zone.y)
    expect(dropped.x + dropped.w).toBeLessThanOrEqual(zone.x + zone.width + 1)
    expect(dropped.y + dropped.h).toBeLessThanOrEqual(zone.y + zone.height + 1)

    await facilitator.keyboard.type('Släppt med lappverktyget')
    await facilitator.keyboard.press('Escape')
    await eventually(async () => {
      const { notes: after, report } = await stored(boardId)
      expect(after.filter((n) => n.text.includes('Släppt med lappverktyget'))).toHaveLength(1)
      expect(after.every((n) => n.areaId === 'ekonomi')).toBe(true)
      expect(report).toEqual(cleanReport(41))
    }, 15_000)
  })

  it('reveals a private round in which three people added to one area as three separate notes', async () => {
    const facilitator = await page(DEMO_USERS.facilitator.email)
    const participant = await page(DEMO_USERS.participant.email)
    const boardId = await emptyBoard(facilitator.request, 'Privat runda')
    // A third person on the board: a staff member the facilitator added as a participant.
    const store = openSqliteStore(server.dbPath)
    const third = await store.users.create({
      email: 'tredje@example.org',
      name: 'Tredje Person',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    })
    await store.boards.setRole(boardId, third.id, 'participant')
    const participantUser = await store.users.findByEmail(DEMO_USERS.participant.email)
    await store.boards.setRole(boardId, participantUser!.id, 'participant')
    await store.close()
    const people = [facilitator, participant]
    for (const on of people) await openBoard(on, boardId)

    await facilitate(facilitator, 'Starta privat runda')
    for (const [i, on] of people.entries()) {
      await on.getByText('Privat runda – bara du ser dina nya lappar').waitFor()
      await on.getByRole('button', { name: 'Lägg till idé i Framtid' }).click()
      await on.keyboard.type(`Hemlig idé ${i + 1}`)
      await on.keyboard.press('Escape')
    }
    // The third sends theirs from a phone: the server places it in their private document.
    const phone = await signedInPhone('tredje@example.org')
    const sent = await phone.post(`${server.url}/api/boards/${boardId}/notes`, {
      data: { areaId: 'framtid', text: 'Hemlig idé 3' },
      headers: { origin: server.url },
    })
    expect(sent.status()).toBeLessThan(300)
    // All three have reached the server where private notes belong, each in its author's
    // private document; none is in the board's own.
    await eventually(
      async () => expect(await storedPrivateTexts(server, boardId)).toEqual(['Hemlig idé 1', 'Hemlig idé 2', 'Hemlig idé 3']),
      15_000,
    )
    expect((await stored(boardId)).notes).toHaveLength(0)

    await facilitate(facilitator, 'Visa allas lappar')
    await eventually(async () => {
      const { notes, report } = await stored(boardId)
      expect(notes.filter((n) => n.text.includes('Hemlig idé'))).toHaveLength(3)
      expect(report).toEqual(cleanReport(3))
      expect(new Set(notes.map((n) => `${n.x},${n.y}`)).size).toBe(3)
    }, 20_000)
  })

  it('keeps a private round’s notes in a full zone: in their author’s view they lie in free cells, and the reveal keeps them there', async () => {
    const facilitator = await page(DEMO_USERS.facilitator.email)
    const participant = await page(DEMO_USERS.participant.email)
    const notes = Array.from({ length: 40 }, (_, i) => ({ area: 'framtid' as const, text: `Framtidsidé ${i + 1}` }))
    const boardId = await importWorkshop(facilitator.request, server.url, { name: 'Privat i full zon', notes })
    const store = openSqliteStore(server.dbPath)
    const participantUser = await store.users.findByEmail(DEMO_USERS.participant.email)
    await store.boards.setRole(boardId, participantUser!.id, 'participant')
    await store.close()
    for (const on of [facilitator, participant]) await openBoard(on, boardId)

    await facilitate(facilitator, 'Starta privat runda')
    await participant.getByText('Privat runda – bara du ser dina nya lappar').waitFor()
    const add = participant.getByRole('button', { name: 'Lägg till idé i Framtid' })
    for (let i = 1; i <= 8; i++) {
      await clickInView(participant, add)
      await participant.waitForFunction(() => !!document.activeElement?.closest('.tl-shape[data-shape-type="note"]'), null, {
        timeout: 10_000,
      })
      await participant.keyboard.type(`Hemlig framtidsidé ${i}`)
      await participant.keyboard.press('Escape')
    }
    // What the participant sees, as stored: the board and their private notes together, laid
    // out by the board's rules. Zones do not grow in a browser, so only the room the server
    // kept, and the participant's browser moving their notes into it, can make this clean.
    await eventually(async () => {
      const view = await storedView(boardId, participantUser!.id)
      expect([...view.values()].filter((r) => r.typeName === 'shape' && r.type === 'note' && r.meta.privateRound)).toHaveLength(8)
      expect(layoutReport(view)).toEqual(cleanReport(48))
    }, 30_000)
    // The facilitator's board holds none of them.
    expect((await stored(boardId)).notes).toHaveLength(40)
    expect(await facilitator.locator('.tl-shape[data-shape-type="note"]').count()).toBe(40)

    await facilitate(facilitator, 'Visa allas lappar')
    await eventually(async () => {
      const { notes: after, report } = await stored(boardId)
      expect(after.filter((n) => n.text.includes('Hemlig framtidsidé'))).toHaveLength(8)
      expect(report).toEqual(cleanReport(48))
    }, 20_000)
  })

  it('tidies a 60-note area keeping every note’s area, as one step that undo takes back', async () => {
    const facilitator = await page(DEMO_USERS.facilitator.email)
    const notes = Array.from({ length: 60 }, (_, i) => ({
      area: 'ekonomi' as const,
      text: `Budgetidé ${i + 1}: ${'mer pengar till '.repeat(i % 4)}böcker`,
    }))
    // The notes lie in free places but out of order, as a workshop leaves them.
    const boardId = await emptyBoard(facilitator.request, 'Sextio lappar', notes, true)
    await openBoard(facilitator, boardId)
    await facilitator.getByRole('button', { name: 'Visa hela tavlan' }).click()
    await eventually(async () => expect((await stored(boardId)).report).toEqual(cleanReport(60)), 15_000)
    const before = await stored(boardId)

    const tidyPanel = facilitator.getByRole('complementary', { name: 'Leda workshopen' })
    if (!(await tidyPanel.isVisible())) await facilitator.getByRole('button', { name: 'Leda', exact: true }).click()
    await tidyPanel.getByLabel('Område att städa').selectOption({ label: 'Ekonomiska resurser' })
    await tidyPanel.getByRole('button', { name: 'Städa området' }).click()
    const positions = (s: typeof before) => Object.fromEntries(s.notes.map((n) => [n.id, [n.x, n.y]]))
    // Waits for the tidy itself to reach the server: the board before it was clean too.
    await eventually(async () => {
      const after = await stored(boardId)
      expect(positions(after)).not.toEqual(positions(before))
      expect(after.report).toEqual(cleanReport(60))
      expect(after.notes.every((n) => n.areaId === 'ekonomi')).toBe(true)
    }, 15_000)
    const tidied = await stored(boardId)

    await facilitator.getByTestId('quick-actions.undo').click()
    await eventually(async () => {
      const undone = await stored(boardId)
      expect(positions(undone)).toEqual(positions(before))
      expect(positions(undone)).not.toEqual(positions(tidied))
      expect(undone.notes.every((n) => n.areaId === 'ekonomi')).toBe(true)
    }, 15_000)
  })
})

/**
 * Clicks a zone's button, first showing the whole board when the button lies off screen (step
 * 1's zones grow upwards as they fill, carrying their header out of a close view).
 */
async function clickInView(on: Page, button: Locator) {
  // On the canvas and not under the toolbars, which lie over its edges; the map may still be
  // moving as a zone grows, so look again and fit the board until the button can be clicked.
  for (let attempt = 1; ; attempt++) {
    const canvas = (await on.locator('.tl-canvas').boundingBox())!
    const inView = await button.evaluate((el, c) => {
      const r = el.getBoundingClientRect()
      const inside = r.y >= c.y && r.x >= c.x && r.y + r.height <= c.y + c.height && r.x + r.width <= c.x + c.width
      return inside && el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2))
    }, canvas)
    if (inView) {
      try {
        await button.click({ timeout: 3000 })
        return
      } catch (error) {
        if (attempt >= 5) throw error
      }
    }
    if (attempt >= 5) return await button.click()
    await on.getByRole('button', { name: 'Visa hela tavlan' }).click()
    await cameraAtRest(on)
  }
}

async function signedInPhone(email: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  contexts.push(context)
  await signInByApi(context, server.url, email, DEMO_PASSWORD)
  return context.request
}
