/**
 * Reaching things with the keyboard on a full board: every area's "add idea" from the
 * canvas toolbar in the model's order, and in *Lista* a jump to any area plus Page Down /
 * Page Up between areas — a handful of keys, not a hundred Tabs.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, storedBoard, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInByApi } from '../helpers/browser'
import { focused, named, tabTo } from '../helpers/keyboard'
import { importWorkshop, workshopNotes } from '../helpers/importWorkshop'
import { eventually } from '../helpers/syncHarness'

let server: AppServer
let browser: Browser
let page: Page
let boardId: string
/** What the page warned about or threw (part of a failure's message). */
const pageProblems: string[] = []
const seeded = new Set(workshopNotes(120).map((note) => note.text))
const TYPED = 'Idé skriven med tangentbordet'
/** Texts with every invisible or unusual character spelled out (a soft hyphen, a stray space). */
const visible = (texts: string[]) =>
  JSON.stringify(texts).replace(/[^\x20-\x7e\u00c0-\u00ff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  await signInByApi(context, server.url, DEMO_USERS.participant.email, DEMO_PASSWORD)
  boardId = await importWorkshop(context.request, server.url, { name: 'Tangentbord', notes: workshopNotes(120) })
  // A busy laptop runs the keys a person types before the page's timers. The test can hold the
  // page's timers back (`holdTimers`) and let them go (`releaseTimers`) to type in that state.
  await context.addInitScript(() => {
    const original = { set: window.setTimeout.bind(window), clear: window.clearTimeout.bind(window) }
    const held = new Map<number, () => number>()
    const started = new Map<number, number>()
    let holding = false
    let nextId = 1_000_000_000
    const page = window as unknown as { holdTimers(): void; releaseTimers(): void }
    window.setTimeout = ((handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
      if (!holding) return original.set(handler, ms, ...rest)
      const id = nextId++
      held.set(id, () => original.set(handler, ms, ...rest))
      return id
    }) as typeof window.setTimeout
    window.clearTimeout = ((id?: number) => {
      if (id !== undefined && held.delete(id)) return
      original.clear(id === undefined ? id : (started.get(id) ?? id))
    }) as typeof window.clearTimeout
    page.holdTimers = () => {
      holding = true
    }
    page.releaseTimers = () => {
      holding = false
      for (const [id, start] of held) started.set(id, start())
      held.clear()
    }
  })
  page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') pageProblems.push(message.text().slice(0, 300))
  })
  page.on('pageerror', (error) => pageProblems.push(String(error).slice(0, 300)))
  await page.goto(`${server.url}/boards/${boardId}`)
  await page.locator('.connection[data-state="connected"]').waitFor()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the keyboard', () => {
  it('adds an idea to any area from the canvas toolbar', async () => {
    await page.locator('body').focus()
    await tabTo(page, named(/^\+ Lägg till idé/), { max: 40 })
    await page.keyboard.press('Enter')
    const items = await page.locator('.menu__items button').allTextContents()
    expect(items).toEqual([
      'Uppdrag',
      'Framtid',
      'Besökare och verksamhet',
      'Relationer och image',
      'Ekonomiska resurser',
      'Personal och kompetens',
      'Organisation och arbetssätt',
      'Mötesplatser, IT och medier',
    ])
    await tabTo(page, named(/^Mötesplatser, IT och medier$/), { max: 10 })
    // Typed the moment the new note shows its caret, on a busy laptop whose page runs the keys
    // before its timers: the note's text editor must not move the caret on a timer once keys
    // have come in (it went to the start, then to the end: "skriven med tIdé angentbordet").
    type Timers = { holdTimers(): void; releaseTimers(): void }
    await page.evaluate(() => (window as unknown as Timers).holdTimers())
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => !!document.activeElement?.closest('.tl-shape[data-shape-type="note"]'), null, { timeout: 10_000 })
    const [first, rest] = [TYPED.slice(0, 4), TYPED.slice(4)]
    await page.keyboard.type(first)
    await page.evaluate(() => (window as unknown as Timers).releaseTimers())
    await page.keyboard.type(rest)
    await page.keyboard.press('Escape')
    await eventually(async () => {
      const board = await storedBoard(server, boardId)
      const area = board.steps[2].areas.find((a) => a.id === 'motesplatser')!
      // Named in full when it fails: what arrived instead tells which path lost the keys.
      const added = area.notes.map((n) => n.text).filter((text) => !seeded.has(text))
      expect(added, `ideas added to the area, as stored: ${visible(added)}; the page said: ${visible(pageProblems)}`).toContain(TYPED)
    }, 15_000)
  })

  it('jumps to an area in the list and skips between areas with Page Down / Page Up', async () => {
    await page.getByRole('button', { name: 'Lista' }).click()
    await page.getByTestId('outline').waitFor()
    await page.getByLabel('Gå till område').selectOption({ label: 'Mötesplatser, IT och medier' })
    await page.getByRole('button', { name: 'Gå', exact: true }).click()
    expect((await focused(page)).area).toBe('motesplatser')
    await page.keyboard.press('PageUp')
    expect((await focused(page)).area).toBe('organisation')
    await page.keyboard.press('PageUp')
    await page.keyboard.press('PageUp')
    expect((await focused(page)).area).toBe('ekonomi')
    await page.keyboard.press('PageDown')
    expect((await focused(page)).area).toBe('personal')
  })
})
