/**
 * From ideas to plan in *Lista*, by keyboard alone, in real Chromium against the real server:
 * with 40 ideas added to an area (seeded through the notes API), the facilitator picks three notes,
 * groups them into a named theme and makes a commitment of the theme with an owner and a date;
 * the stored board then holds both. A participant may group but is offered no commitment.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IDEA_GROUPS } from '../../lib/themes/testing/swedishIdeas'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, storedBoard, type AppServer } from '../helpers/appServer'
import { seriousViolations } from '../helpers/axe'
import { launchBrowser, signInByApi } from '../helpers/browser'
import { focused, jumpToArea, named, openOutlineByKeyboard, tabTo } from '../helpers/keyboard'
import { loadStoredDoc } from '../helpers/boardNotes'
import { layoutReportOf } from '../helpers/layoutCheck'
import { openSqliteStore } from '../../server/store/sqliteStore'

const VIEWPORT = { width: 1366, height: 768 }
const POLL = { timeout: 15_000 }
const AREA = 'Besökare och verksamhet'
const IDEAS = Object.values(IDEA_GROUPS)
  .flatMap((texts) => texts.slice(0, 7))
  .slice(0, 37)
const GROUPED = ['Tre grupperade idéer: fler studieplatser', 'Tre grupperade idéer: tysta läsplatser', 'Tre grupperade idéer: grupprum']

let server: AppServer
let browser: Browser
let fia: Page
let boardId: string
/** The demo board's own notes in the area, and ours. */
let notesInArea: number
const contexts: BrowserContext[] = []

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  contexts.push(context)
  await signInByApi(context, server.url, email, DEMO_PASSWORD)
  return context.newPage()
}

const live = (page: Page) => page.getByTestId('outline-live')

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  fia = await signedIn(DEMO_USERS.facilitator.email)
  await fia.goto(server.url)
  await fia.getByRole('link', { name: /Verksamhetsplan/ }).click()
  await fia.waitForURL(/\/boards\//)
  boardId = fia.url().split('/boards/')[1]
  const starter = (await storedBoard(server, boardId)).steps[1].areas.find((a) => a.id === 'besokare')!.notes.length
  notesInArea = starter + IDEAS.length + GROUPED.length
  for (const text of [...IDEAS.slice(0, 12), ...GROUPED, ...IDEAS.slice(12)]) {
    const response = await fia.request.post(`${server.url}/api/boards/${boardId}/notes`, {
      data: { areaId: 'besokare', text },
      headers: { origin: server.url },
    })
    expect(response.status()).toBe(201)
  }
  await openOutlineByKeyboard(fia, `${server.url}/boards/${boardId}`)
  await fia
    .locator('[data-outline-area="besokare"] li[data-note-id]')
    .nth(notesInArea - 1)
    .waitFor(POLL)
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.stop()
})

describe('from ideas to plan in Lista, by keyboard', () => {
  it('groups three picked notes into a named theme, and focus lands on the theme', async () => {
    await jumpToArea(fia, AREA)
    // Pick them in the order the list shows them, tabbing forward only.
    const order = await fia
      .locator('[data-outline-area="besokare"] li[data-note-id]')
      .evaluateAll(
        (items, texts) => items.map((li) => li.querySelector('p')?.textContent ?? '').filter((text) => texts.includes(text)),
        GROUPED,
      )
    expect(order.sort()).toEqual([...GROUPED].sort())
    for (const text of order) {
      await tabTo(fia, (f) => f.tag === 'input' && f.name === `Välj ”${text}” för att gruppera`, { max: 400 })
      await fia.keyboard.press('Space')
    }
    await tabTo(fia, named(new RegExp(`^Gruppera valda \\(3\\) i ${AREA}$`)), { max: 400 })
    await fia.keyboard.press('Enter')
    expect(await focused(fia)).toMatchObject({ tag: 'input', name: 'Temats namn' })
    await fia.keyboard.type('Studieplatser')
    await fia.keyboard.press('Enter')

    await expect.poll(() => live(fia).textContent(), POLL).toContain(`Temat ”Studieplatser” i ${AREA} har nu 3 lappar.`)
    const theme = await fia.evaluate(() => document.activeElement?.getAttribute('data-outline-theme'))
    expect(theme).toMatch(/^shape:/)
    // Each grouped note says which theme it is in.
    for (const text of GROUPED) {
      await expect
        .poll(() => fia.getByTestId('outline').locator('li[data-note-id]', { hasText: text }).textContent())
        .toContain('i temat ”Studieplatser”')
    }
    await expect
      .poll(async () => (await storedBoard(server, boardId)).steps[1].areas.find((a) => a.id === 'besokare')!.themes.length, POLL)
      .toBe(1)
    const stored = (await storedBoard(server, boardId)).steps[1].areas.find((a) => a.id === 'besokare')!
    expect(stored.themes[0]).toMatchObject({ id: theme, title: 'Studieplatser' })
    expect(
      stored.notes
        .filter((n) => n.themeId === theme)
        .map((n) => n.text)
        .sort(),
    ).toEqual([...GROUPED].sort())
    expect(stored.notes).toHaveLength(notesInArea)
  })

  it('makes a commitment of the theme with an owner, a date and an indicator, and focus lands on it; then changes it', async () => {
    await tabTo(fia, named(/^Gör till åtagande: temat ”Studieplatser”$/), { max: 20 })
    await fia.keyboard.press('Enter')
    await fia.getByRole('dialog', { name: 'Gör till åtagande' }).waitFor()
    await tabTo(fia, (f) => f.tag === 'textarea' && f.name === 'Åtagande', { max: 10 })
    expect(await fia.evaluate(() => (document.activeElement as HTMLTextAreaElement).value)).toBe('Studieplatser')
    await fia.keyboard.press('ControlOrMeta+A')
    await fia.keyboard.type('Fler studieplatser på alla filialer')
    await fia.keyboard.press('Tab')
    expect(await focused(fia)).toMatchObject({ tag: 'input', name: expect.stringMatching(/^Ansvarig/) })
    await fia.keyboard.type('Per Deltagare')
    await tabTo(fia, (f) => f.tag === 'input' && f.name === 'Klart senast / period', { max: 5 })
    await fia.keyboard.type('2027-06-30')
    await fia.keyboard.press('Tab')
    await fia.keyboard.type('Antal studieplatser per filial')
    await tabTo(fia, (f) => f.tag === 'button' && f.name === 'Spara åtagande', { max: 5 })
    await fia.keyboard.press('Enter')

    await expect.poll(() => live(fia).textContent(), POLL).toContain('Åtagandet ”Fler studieplatser på alla filialer” skapades.')
    const commitmentId = await fia.evaluate(() => document.activeElement?.getAttribute('data-outline-commitment'))
    expect(commitmentId).toMatch(/^shape:/)
    await expect
      .poll(async () => (await storedBoard(server, boardId)).steps[1].areas.find((a) => a.id === 'besokare')!.commitments.length, POLL)
      .toBe(1)
    const stored = (await storedBoard(server, boardId)).steps[1].areas.find((a) => a.id === 'besokare')!
    expect(stored.commitments[0]).toMatchObject({
      id: commitmentId,
      text: 'Fler studieplatser på alla filialer',
      owner: 'Per Deltagare',
      due: '2027-06-30',
      indicator: 'Antal studieplatser per filial',
    })
    expect(stored.commitments[0].sources.map((s) => s.kind)).toEqual(['theme', 'note', 'note', 'note'])
    expect(stored.commitments[0].sources[0]).toMatchObject({ id: stored.themes[0].id, text: 'Studieplatser' })

    // And changes it: a period instead of a date.
    await tabTo(fia, named(/^Ändra åtagande: ”Fler studieplatser på alla filialer”$/), { max: 5 })
    await fia.keyboard.press('Enter')
    await fia.getByRole('dialog', { name: 'Ändra åtagande' }).waitFor()
    await tabTo(fia, (f) => f.tag === 'input' && f.name === 'Klart senast / period', { max: 10 })
    await fia.keyboard.press('ControlOrMeta+A')
    await fia.keyboard.type('VT 2027')
    await fia.keyboard.press('Enter')
    await expect.poll(() => live(fia).textContent(), POLL).toContain('Åtagandet ”Fler studieplatser på alla filialer” sparades.')
    expect(await fia.evaluate(() => document.activeElement?.getAttribute('data-outline-commitment'))).toBe(commitmentId)
    await expect
      .poll(async () => (await storedBoard(server, boardId)).steps[1].areas.find((a) => a.id === 'besokare')!.commitments[0].due, POLL)
      .toBe('VT 2027')
  })

  it('gives axe-core nothing serious to find in an area with a theme, a commitment, picked notes and an open form', async () => {
    const area = fia.locator('[data-outline-area="besokare"]')
    await area.getByRole('checkbox').nth(0).check()
    await area.getByRole('checkbox').nth(1).check()
    await area.getByRole('button', { name: 'Byt namn på temat ”Studieplatser”' }).click()
    expect(await seriousViolations(fia)).toEqual([])
    await fia.keyboard.press('Escape')
    expect(await focused(fia)).toMatchObject({ tag: 'button', name: 'Byt namn på temat ”Studieplatser”' })
  })

  it('leaves the board laid out cleanly once the server has placed the theme and the commitment', async () => {
    await expect
      .poll(async () => {
        const store = openSqliteStore(server.dbPath)
        try {
          const doc = await loadStoredDoc(store.docs, boardId)
          const report = layoutReportOf(doc)
          doc.destroy()
          return { overlaps: report.overlaps, outside: report.outside }
        } finally {
          await store.close()
        }
      }, POLL)
      .toEqual({ overlaps: [], outside: [] })
  })

  it('offers a participant grouping but no commitment', async () => {
    const per = await signedIn(DEMO_USERS.participant.email)
    await openOutlineByKeyboard(per, `${server.url}/boards/${boardId}`)
    const area = per.locator('[data-outline-area="besokare"]')
    await area.getByRole('checkbox').first().waitFor(POLL)
    expect(await area.getByRole('checkbox').count()).toBe(notesInArea)
    expect(await area.getByRole('button', { name: /^(Gör till|Ändra) åtagande/ }).count()).toBe(0)
    expect(await area.getByRole('button', { name: 'Dela upp tema ”Studieplatser”' }).count()).toBe(1)
  })
})
