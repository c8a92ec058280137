/**
 * A member fills a 300-note workshop board with 80 junk notes; the facilitator, at 1366×768,
 * finds them under *Leda → Lappar per person*, removes them with a confirmation, and the board
 * is as before the flood, with the board from just before it saved in *Historik*.
 */
import type { APIRequestContext, Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { AREAS } from '../../lib/planning/planningModel'
import { startAppServer, storedBoard, type AppServer } from '../helpers/appServer'
import { launchBrowser, signedInRequest, signInByApi } from '../helpers/browser'
import { importWorkshop, workshopNotes } from '../helpers/importWorkshop'
import { eventually } from '../helpers/syncHarness'

let server: AppServer
let browser: Browser
let page: Page
let flooder: APIRequestContext
let boardId: string
const JUNK = 80
const WORKSHOP = 300

const allTexts = async () => {
  const board = await storedBoard(server, boardId)
  return [...board.steps.flatMap((s) => s.areas.flatMap((a) => a.notes)), ...board.unplaced].map((n) => n.text)
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  await signInByApi(context, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  boardId = await importWorkshop(context.request, server.url, { name: 'Flod', notes: workshopNotes(WORKSHOP) })
  const origin = { origin: server.url }
  const added = await context.request.post(`${server.url}/api/boards/${boardId}/members`, {
    headers: origin,
    data: { email: DEMO_USERS.participant.email, role: 'participant' },
  })
  expect(added.ok()).toBe(true)
  flooder = await signedInRequest(server.url, DEMO_USERS.participant.email, DEMO_PASSWORD)
  for (let i = 0; i < JUNK; i++) {
    const sent = await flooder.post(`${server.url}/api/boards/${boardId}/notes`, {
      headers: origin,
      data: { areaId: AREAS[i % AREAS.length].id, text: `Skräp nummer ${i}` },
    })
    expect(sent.status()).toBe(201)
  }
  page = await context.newPage()
  await page.goto(`${server.url}/boards/${boardId}`)
  await page.locator('.connection[data-state="connected"]').waitFor()
}, 120_000)

afterAll(async () => {
  await flooder?.dispose()
  await browser?.close()
  await server?.stop()
})

describe("a person's notes", () => {
  it('are removed by the facilitator from Leda, after a confirmation, and the board before is kept in Historik', async () => {
    expect((await allTexts()).filter((t) => t.startsWith('Skräp'))).toHaveLength(JUNK)
    await page.getByRole('button', { name: 'Leda', exact: true }).click()
    const section = page.getByRole('region', { name: 'Lappar per person' })
    const who = DEMO_USERS.participant.name
    const row = section.getByRole('listitem').filter({ hasText: who })
    await expect.poll(() => row.textContent()).toContain(`${JUNK} på tavlan`)
    await row.scrollIntoViewIfNeeded()
    await page.screenshot({ path: '/tmp/author-notes-list.png' })

    await row.getByRole('button', { name: `Ta bort lappar av ${who}` }).click()
    expect(await row.textContent()).toContain(`Ta bort alla ${JUNK} lappar av ${who}?`)
    // The safe answer has the focus: Enter right away changes nothing.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Avbryt')
    await page.screenshot({ path: '/tmp/author-notes-confirm.png' })
    await row.getByRole('button', { name: 'Ja, ta bort' }).click()

    await expect.poll(() => section.getByRole('status').textContent()).toMatch(new RegExp(`^${JUNK} lappar av ${who} togs bort`))
    await page.screenshot({ path: '/tmp/author-notes-done.png' })
    await eventually(async () => {
      const texts = await allTexts()
      expect(texts.filter((t) => t.startsWith('Skräp'))).toEqual([])
      expect(texts).toHaveLength(WORKSHOP)
    }, 10_000)
    await expect.poll(() => page.locator('.tl-shape[data-shape-type="note"]', { hasText: 'Skräp nummer' }).count()).toBe(0)
    expect(await section.getByRole('listitem').filter({ hasText: who }).count()).toBe(0)

    const history = await (
      await signedInRequest(server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
    ).get(`${server.url}/api/boards/${boardId}/snapshots`)
    const { snapshots } = (await history.json()) as { snapshots: { name: string; noteCount: number }[] }
    expect(snapshots).toContainEqual(
      expect.objectContaining({ name: `Före borttagning av lappar skrivna av ${who}`, noteCount: WORKSHOP + JUNK }),
    )
  })

  it('cannot be removed by a participant', async () => {
    const refused = await flooder.delete(`${server.url}/api/boards/${boardId}/authors/anyone/notes`, { headers: { origin: server.url } })
    expect(refused.status()).toBe(403)
    expect((await flooder.get(`${server.url}/api/boards/${boardId}/authors`)).status()).toBe(403)
  })
})
