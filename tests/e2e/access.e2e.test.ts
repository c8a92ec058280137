/**
 * People and access in real Chromium: a facilitator shares the board with a link, a guest
 * from a branch joins without an account and adds an idea under their own name, an observer
 * can look but not touch, and a guest cannot reach any other board.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, storedBoard, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInThroughForm } from '../helpers/browser'
import { eventually } from '../helpers/syncHarness'

const VIEWPORT = { width: 1366, height: 768 }
const BRANCH = 'Filial Skärholmen'
const GUEST_IDEA = 'Läsecirklar på lätt svenska'

let server: AppServer
let browser: Browser

async function storedNotes(boardId: string) {
  const board = await storedBoard(server, boardId)
  return [...board.steps.flatMap((s) => s.areas.flatMap((a) => a.notes)), ...board.unplaced]
}

async function createInvite(page: Page, options: { label: string; role: 'participant' | 'observer' }): Promise<string> {
  await page.getByRole('button', { name: 'Dela' }).click()
  const dialog = page.getByRole('dialog', { name: 'Dela tavlan' })
  await dialog.getByLabel('Etikett (valfri)').fill(options.label)
  await dialog.locator('form').filter({ hasText: 'Skapa länk' }).getByLabel('Roll').selectOption(options.role)
  await dialog.getByRole('button', { name: 'Skapa länk' }).click()
  const link = await dialog.getByTestId('new-invite-link').inputValue()
  expect(link).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/)
  await expect.poll(() => dialog.getByText(options.label, { exact: true }).count()).toBe(1)
  await dialog.getByRole('button', { name: 'Stäng' }).click()
  return link
}

async function joinAsGuest(link: string, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  const page = await context.newPage()
  await page.goto(link)
  await page.getByLabel('Ditt namn').fill(name)
  await page.getByRole('button', { name: 'Gå med' }).click()
  await page.waitForURL(/\/boards\//)
  await page.locator('.area[data-area="ekonomi"]').waitFor()
  await expect.poll(() => page.locator('.connection').getAttribute('data-state')).toBe('connected')
  return { context, page }
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('sharing a board', () => {
  it('lets a branch join by link, keeps observers read-only and guests on their board', async () => {
    const facilitatorContext = await browser.newContext({ viewport: VIEWPORT })
    const facilitator = await facilitatorContext.newPage()
    await signInThroughForm(facilitator, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
    // A second board of the facilitator's, which the guest must not reach.
    const other = await facilitator.request.post(`${server.url}/api/boards`, {
      data: { name: 'Styrgruppen', includeStarterNotes: false },
      headers: { origin: server.url },
    })
    expect(other.status()).toBe(201)
    const otherBoardId = ((await other.json()) as { id: string }).id

    await facilitator.goto(server.url)
    await facilitator.getByRole('link', { name: /Verksamhetsplan/ }).click()
    await facilitator.locator('.area[data-area="ekonomi"]').waitFor()
    const boardId = facilitator.url().split('/boards/')[1]

    // Guest link for a participant from a branch.
    const link = await createInvite(facilitator, { label: BRANCH, role: 'participant' })
    const guest = await joinAsGuest(link, BRANCH)
    expect(guest.page.url()).toContain(`/boards/${boardId}`)
    await guest.page.getByRole('button', { name: 'Lägg till idé i Besökare och verksamhet' }).click()
    await guest.page.keyboard.type(GUEST_IDEA)
    await guest.page.keyboard.press('Escape')

    // The facilitator sees it, attributed to the branch.
    const seen = facilitator.locator('.tl-shape[data-shape-type="note"]', { hasText: GUEST_IDEA })
    await seen.waitFor({ timeout: 15_000 })
    const stored = await eventually(async () => {
      const note = (await storedNotes(boardId)).find((n) => n.text === GUEST_IDEA)
      if (!note) throw new Error('not stored yet')
      return note
    })
    expect(stored.createdBy?.name).toBe(BRANCH)
    expect(stored.areaId).toBe('besokare')
    expect(await seen.locator('.tl-note__attribution').textContent()).toBe('Filial')

    // The guest reaches nothing else.
    const otherBoard = await guest.page.goto(`${server.url}/boards/${otherBoardId}`)
    expect(otherBoard?.status()).toBe(200)
    await expect.poll(() => guest.page.getByRole('heading', { level: 1 }).textContent()).toBe('Ingen åtkomst')
    await guest.page.goto(server.url)
    await guest.page.waitForURL(new RegExp(`/boards/${boardId}$`))
    expect((await guest.page.request.get(`${server.url}/api/boards`)).status()).toBe(403)
    expect(
      (await guest.page.request.post(`${server.url}/api/boards/${otherBoardId}/token`, { headers: { origin: server.url } })).status(),
    ).toBe(403)

    // An observer sees everything live but cannot change anything.
    const observerLink = await createInvite(facilitator, { label: 'Styrelsen', role: 'observer' })
    const observer = await joinAsGuest(observerLink, 'Olle Observatör')
    await observer.page.locator('.tl-shape[data-shape-type="note"]', { hasText: GUEST_IDEA }).waitFor()
    expect(await observer.page.getByRole('button', { name: /Lägg till idé/ }).count()).toBe(0)
    await expect.poll(() => observer.page.getByText('Du är observatör').count()).toBe(1)
    const before = (await storedNotes(boardId)).length
    const observersNotes = observer.page.locator('.tl-shape[data-shape-type="note"]')
    const onObserversPage = await observersNotes.count()
    // As a participant adds a note with tldraw's note tool: the canvas takes the keys once
    // clicked, N picks the tool, a click places the note and the keys write in it.
    const zone = (await observer.page.locator('.area[data-area="framtid"]').boundingBox())!
    await observer.page.mouse.click(zone.x + zone.width / 2, zone.y + zone.height * 0.7)
    await observer.page.keyboard.press('n')
    await observer.page.mouse.click(zone.x + zone.width / 2, zone.y + zone.height * 0.7)
    await observer.page.keyboard.type('Får inte synas')
    await observer.page.keyboard.press('Escape')
    // Nothing to wait for: the observer's own board never took the note (its tldraw store is
    // read-only), so nothing was sent that could still arrive. The server refuses an observer's
    // writes as well (tests/integration/access.test.ts).
    expect(await observersNotes.count()).toBe(onObserversPage)
    expect(await facilitator.locator('.tl-shape[data-shape-type="note"]', { hasText: 'Får inte synas' }).count()).toBe(0)
    expect((await storedNotes(boardId)).length).toBe(before)

    // Revoking the link ends the guest's visit.
    await facilitator.getByRole('button', { name: 'Dela' }).click()
    await facilitator.getByRole('button', { name: `Återkalla ${BRANCH}` }).click()
    await expect.poll(() => guest.page.locator('.connection').getAttribute('data-state'), { timeout: 10_000 }).not.toBe('connected')
    expect((await guest.page.request.post(`${server.url}/api/boards/${boardId}/token`, { headers: { origin: server.url } })).status()).toBe(
      403,
    )

    await guest.context.close()
    await observer.context.close()
    await facilitatorContext.close()
  })
})
