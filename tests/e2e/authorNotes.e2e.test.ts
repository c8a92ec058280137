/**
 * A guest from a branch's invite link fills a 300-note workshop board with 80 junk notes; the
 * facilitator, at 1366×768, finds them under *Leda → Lappar per person* and removes them and
 * that guest with a confirmation. The board is as before the flood, the board from just before
 * it is saved in *Historik*, and another guest who came through the same link stays. Then that
 * guest floods one zone with 300 notes: removed, the zone gives its room back and the whole board
 * at *Visa hela tavlan* is as readable as before the flood.
 */
import path from 'node:path'
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { AREAS } from '../../lib/planning/planningModel'
import { startAppServer, storedBoard, type AppServer } from '../helpers/appServer'
import { launchBrowser, signedInRequest, signInByApi } from '../helpers/browser'
import { cameraAtRest } from '../helpers/camera'
import { importWorkshop, workshopNotes } from '../helpers/importWorkshop'
import { eventually } from '../helpers/syncHarness'

let server: AppServer
let browser: Browser
let page: Page
let flooder: APIRequestContext
let colleague: APIRequestContext
const FLOODER = 'Gustav Gäst'
let boardId: string
const JUNK = 80
/** Where to keep screenshots of the panel (to look at them), when set. */
const SHOTS = process.env.AUTHOR_NOTES_SCREENSHOTS_DIR
const shot = async (name: string) => {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `author-notes-${name}.png`) })
}
const WORKSHOP = 300
/** A second flood, of one zone, to see the map give its room back. */
const FLOOD = 300

const allTexts = async () => {
  const board = await storedBoard(server, boardId)
  return [...board.steps.flatMap((s) => s.areas.flatMap((a) => a.notes)), ...board.unplaced].map((n) => n.text)
}

/** Someone who joins through the invite link as `name`. */
async function guest(invite: string, name: string): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL: server.url, extraHTTPHeaders: { origin: server.url } })
  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string }
  const joined = await context.post('/api/auth/callback/guest', { form: { csrfToken, token: invite, name, json: 'true' }, maxRedirects: 0 })
  expect(joined.status()).toBeLessThan(400)
  return context
}

const addIdea = (who: APIRequestContext, text: string, i = 0) =>
  who.post(`${server.url}/api/boards/${boardId}/notes`, {
    headers: { origin: server.url },
    data: { areaId: AREAS[i % AREAS.length].id, text },
  })

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  await signInByApi(context, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  boardId = await importWorkshop(context.request, server.url, { name: 'Flod', notes: workshopNotes(WORKSHOP) })
  const origin = { origin: server.url }
  const made = await context.request.post(`${server.url}/api/boards/${boardId}/invites`, {
    headers: origin,
    data: { role: 'participant', label: 'Bredäng', expiresInHours: 8 },
  })
  expect(made.status()).toBe(201)
  const invite = ((await made.json()) as { url: string }).url.split('/join/')[1]
  flooder = await guest(invite, FLOODER)
  colleague = await guest(invite, 'Greta Gäst')
  for (let i = 0; i < JUNK; i++) {
    expect((await addIdea(flooder, `Skräp nummer ${i}`, i)).status()).toBe(201)
  }
  page = await context.newPage()
  await page.goto(`${server.url}/boards/${boardId}`)
  await page.locator('.connection[data-state="connected"]').waitFor()
}, 120_000)

afterAll(async () => {
  await flooder?.dispose()
  await colleague?.dispose()
  await browser?.close()
  await server?.stop()
})

describe("a person's notes", () => {
  it('are removed by the facilitator from Leda, after a confirmation, and the board before is kept in Historik', async () => {
    expect((await allTexts()).filter((t) => t.startsWith('Skräp'))).toHaveLength(JUNK)
    await page.getByRole('button', { name: 'Leda', exact: true }).click()
    const section = page.getByRole('region', { name: 'Lappar per person' })
    const who = FLOODER
    const row = section.getByRole('listitem').filter({ hasText: who })
    await expect.poll(() => row.textContent()).toContain(`${JUNK} på tavlan`)
    await row.scrollIntoViewIfNeeded()
    await shot('list')

    await row.getByRole('button', { name: `Ta bort lappar av ${who}` }).click()
    expect(await row.textContent()).toContain(`Ta bort alla ${JUNK} lappar av ${who}?`)
    // The safe answer has the focus: Enter right away changes nothing.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Avbryt')
    await row.getByRole('checkbox', { name: `Ta också bort ${who} från tavlan`, exact: false }).check()
    await shot('confirm')
    await row.getByRole('button', { name: 'Ja, ta bort' }).click()

    await expect.poll(() => section.getByRole('status').textContent()).toMatch(new RegExp(`^${JUNK} lappar av ${who} togs bort`))
    await shot('done')
    expect(await section.getByRole('status').textContent()).toContain(`${who} har inte längre tillgång till tavlan.`)
    // The focus is not lost with the row that had it: it is on what happened.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status')
    // The guest is off the board; their colleague from the same link is not.
    expect((await addIdea(flooder, 'Skräp igen')).status()).toBeGreaterThanOrEqual(400)
    expect((await addIdea(colleague, 'Gretas idé')).status()).toBe(201)
    await eventually(async () => {
      const texts = await allTexts()
      expect(texts.filter((t) => t.startsWith('Skräp'))).toEqual([])
      expect(texts).toHaveLength(WORKSHOP + 1)
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

  it('leave no empty room behind: a 300-note flood into one zone, once removed, leaves the board as readable at fit as before', async () => {
    // A tab of its own, without the panel, at 1366×768: what a facilitator sees at *Visa hela tavlan*.
    const view = await page.context().newPage()
    await view.goto(`${server.url}/boards/${boardId}`)
    await view.locator('.connection[data-state="connected"]').waitFor()
    const fitZoom = async (name: string) => {
      await view.getByRole('button', { name: 'Visa hela tavlan' }).click()
      await cameraAtRest(view)
      if (SHOTS) await view.screenshot({ path: path.join(SHOTS, `author-notes-fit-${name}.png`) })
      return view.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector('.tl-html-layer')!).transform).a)
    }
    const notesOnPage = () => view.locator('.tl-shape[data-shape-type="note"]').count()
    await expect.poll(notesOnPage, { timeout: 15_000 }).toBe(WORKSHOP + 1)
    const before = await fitZoom('before')

    for (let i = 0; i < FLOOD; i++) {
      const sent = await colleague.post(`${server.url}/api/boards/${boardId}/notes`, {
        headers: { origin: server.url },
        data: { areaId: 'ekonomi', text: `Flod ${i}` },
      })
      expect(sent.status()).toBe(201)
    }
    await expect.poll(notesOnPage, { timeout: 30_000 }).toBe(WORKSHOP + 1 + FLOOD)
    const flooded = await fitZoom('flood')
    expect(flooded).toBeLessThan(0.75 * before)

    // Removed through the route Leda uses.
    const facilitator = page.context().request
    const { authors } = (await (await facilitator.get(`${server.url}/api/boards/${boardId}/authors`)).json()) as {
      authors: { id: string; name: string }[]
    }
    const greta = authors.find((a) => a.name === 'Greta Gäst')!
    const removed = await facilitator.delete(`${server.url}/api/boards/${boardId}/authors/${greta.id}/notes`, {
      headers: { origin: server.url },
    })
    expect(((await removed.json()) as { removed: number }).removed).toBe(FLOOD + 1)
    await expect.poll(notesOnPage, { timeout: 15_000 }).toBe(WORKSHOP)
    await eventually(async () => expect(await fitZoom('after')).toBeGreaterThan(0.95 * before), 15_000)
    await view.close()
  }, 180_000)

  it('cannot be removed, nor listed, nor their guests removed, by a participant', async () => {
    const refused = await colleague.delete(`/api/boards/${boardId}/authors/anyone/notes`)
    expect(refused.status()).toBe(403)
    expect((await colleague.get(`/api/boards/${boardId}/authors`)).status()).toBe(403)
    expect((await colleague.delete(`/api/boards/${boardId}/guests/anyone`)).status()).toBe(403)
  })
})
