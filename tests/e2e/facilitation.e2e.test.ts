/**
 * Running a workshop in real Chromium with three people: the facilitator brings everyone to
 * their view, runs a voting round with a limit and reads the results, runs a private round
 * that hides notes until the reveal, and an idea sent from a phone lands on the board.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, storedBoard, storedPrivateTexts, type AppServer } from '../helpers/appServer'
import { eventually } from '../helpers/syncHarness'
import { launchBrowser, signInByApi, signInThroughForm } from '../helpers/browser'

const VIEWPORT = { width: 1366, height: 768 }
let server: AppServer
let browser: Browser
let facilitator: Page
let participant: Page
let boardId: string

async function storedTexts(id: string): Promise<string[]> {
  const board = await storedBoard(server, id)
  return [...board.steps.flatMap((s) => s.areas.flatMap((a) => a.notes)), ...board.unplaced].map((n) => n.text)
}
const contexts: BrowserContext[] = []

async function openBoard(page: Page) {
  await page.goto(`${server.url}/boards/${boardId}`)
  await page.locator('.area[data-area="ekonomi"]').waitFor()
  await page.locator('.connection[data-state="connected"]').waitFor()
}

const note = (page: Page, text: string) => page.locator('.tl-shape[data-shape-type="note"]', { hasText: text })

async function facilitatorPanel() {
  const panel = facilitator.getByRole('complementary', { name: 'Leda workshopen' })
  if (!(await panel.isVisible())) await facilitator.getByRole('button', { name: 'Leda', exact: true }).click()
  return panel
}

async function facilitate(label: string | RegExp) {
  await (await facilitatorPanel()).getByRole('button', { name: label }).click()
}

async function zoomLabel(page: Page): Promise<string> {
  return (await page.getByTestId('minimap.zoom-menu-button').textContent())?.trim() ?? ''
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  const f = await browser.newContext({ viewport: VIEWPORT })
  const p = await browser.newContext({ viewport: VIEWPORT })
  contexts.push(f, p)
  facilitator = await f.newPage()
  participant = await p.newPage()
  await signInThroughForm(facilitator, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  await signInByApi(p, server.url, DEMO_USERS.participant.email, DEMO_PASSWORD)
  await facilitator.getByRole('link', { name: /Verksamhetsplan/ }).click()
  await facilitator.waitForURL(/\/boards\//)
  boardId = facilitator.url().split('/boards/')[1]
  await openBoard(facilitator)
  await openBoard(participant)
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.stop()
})

describe('running a workshop', () => {
  it('brings everyone to the facilitator’s view, and lets them step out by moving their own', async () => {
    await facilitator.locator('.tl-canvas').click({ position: { x: 600, y: 300 } })
    await facilitator.keyboard.press('Shift+0') // zoom to 100 %
    await expect.poll(() => zoomLabel(facilitator)).toBe('100%')
    expect(await zoomLabel(participant)).not.toBe('100%')

    await facilitate('Samla alla hos mig')
    await participant.getByText('Du följer Fia Facilitator').waitFor()
    await expect.poll(() => zoomLabel(participant)).toBe('100%')

    // Moving one's own view steps out of following.
    await participant.mouse.move(600, 400)
    await participant.mouse.wheel(0, 300)
    await expect.poll(() => participant.getByText('Du följer Fia Facilitator').count()).toBe(0)
    await facilitate('Släpp alla')
    await facilitator.keyboard.press('Shift+1') // back to the whole board
    await participant.getByRole('button', { name: 'Visa hela tavlan' }).click()
  })

  it('runs a voting round with a limit per person, and ranks the results', async () => {
    const panel = await facilitatorPanel()
    await panel.getByLabel('Röster per person').fill('2')
    await facilitate('Starta röstning')
    await expect.poll(() => participant.getByTestId('voting-status').textContent()).toBe('2 röster kvar')

    const target = note(participant, 'Nya intäktskällor')
    const plus = target.getByRole('button', { name: 'Rösta på lappen' })
    await plus.click()
    await expect.poll(() => participant.getByTestId('voting-status').textContent()).toBe('1 röst kvar')
    await plus.click()
    await expect.poll(() => participant.getByTestId('voting-status').textContent()).toBe('0 röster kvar')
    await expect.poll(() => plus.isDisabled()).toBe(true)
    // The limit holds on the server too, whatever a page does.
    const third = await participant.request.post(`${server.url}/api/boards/${boardId}/votes`, {
      data: { noteId: await target.getAttribute('data-shape-id'), delta: 1 },
      headers: { origin: server.url },
    })
    expect(third.status()).toBe(409)

    // By default the tally stays hidden while the round runs (no bandwagon), even from the
    // facilitator, and shows on the notes when the facilitator shows the results.
    const facilitatorCount = note(facilitator, 'Nya intäktskällor').locator('.note-votes')
    await facilitatorCount.waitFor({ state: 'attached' })
    expect(await facilitatorCount.getAttribute('data-votes')).toBeNull()
    await facilitate('Avsluta röstning')
    await expect.poll(() => participant.getByTestId('voting-status').textContent()).toBe('Röstningen är avslutad')
    // An ended round leaves nothing on the notes until its results are shown.
    await expect.poll(() => facilitatorCount.count()).toBe(0)
    // The box shows the board's state, so it ticks once the server has taken the change.
    const showVotes = (await facilitatorPanel()).getByLabel('Visa rösterna på lapparna')
    await showVotes.click()
    await expect.poll(() => showVotes.isChecked()).toBe(true)
    await expect.poll(() => facilitatorCount.getAttribute('data-votes')).toBe('2')
    await expect.poll(() => note(participant, 'Nya intäktskällor').locator('.note-votes').getAttribute('data-votes')).toBe('2')

    await facilitator.getByRole('button', { name: 'Resultat' }).click()
    const results = facilitator.getByRole('dialog', { name: 'Resultat per område' })
    const economy = results.locator('section', { hasText: 'Ekonomiska resurser' })
    await expect.poll(() => economy.locator('li').first().textContent()).toContain('Nya intäktskällor genom externt samarbete')
    expect(await economy.locator('li').first().textContent()).toContain('2 röster')
    await results.getByRole('button', { name: 'Stäng' }).click()
  })

  it('hides a private round’s notes from everyone else until the reveal', async () => {
    await facilitate('Starta privat runda')
    await participant.getByText('Privat runda – bara du ser dina nya lappar').waitFor()
    await participant.getByRole('button', { name: 'Lägg till idé i Framtid' }).click()
    await participant.keyboard.type('Hemlig framtidsidé')
    await participant.keyboard.press('Escape')
    await expect.poll(() => note(participant, 'Hemlig framtidsidé').locator('.note-area-tag').textContent()).toContain('Privat')

    // It has reached the server where it belongs, the participant's private document: not the
    // board's own, so not the facilitator's page.
    await eventually(async () => expect(await storedPrivateTexts(server, boardId)).toContain('Hemlig framtidsidé'), 15_000)
    expect(await storedTexts(boardId)).not.toContain('Hemlig framtidsidé')
    expect(await note(facilitator, 'Hemlig framtidsidé').count()).toBe(0)

    await facilitate('Visa allas lappar')
    await note(facilitator, 'Hemlig framtidsidé').waitFor({ timeout: 15_000, state: 'attached' })
    await expect.poll(() => note(participant, 'Hemlig framtidsidé').locator('.note-area-tag').textContent()).toBe('Framtid')
  })

  it('takes an idea from a phone and shows it on the board', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    contexts.push(phone)
    await signInByApi(phone, server.url, DEMO_USERS.participant.email, DEMO_PASSWORD)
    const page = await phone.newPage()
    await page.goto(`${server.url}/boards/${boardId}/phone`)
    await page.getByLabel('Område').selectOption('ekonomi')
    await page.getByLabel('Din idé').fill('Sponsring av lokala företag')
    await page.getByRole('button', { name: 'Skicka' }).click()
    await page.getByText('Skickat! Skriv gärna en till.').waitFor()

    const arrived = note(facilitator, 'Sponsring av lokala företag')
    await arrived.waitFor({ timeout: 15_000, state: 'attached' })
    expect(await arrived.locator('.note-area-tag').getAttribute('data-note-area')).toBe('ekonomi')
  })
  it('tidies one area back into its grid, as one step that undo takes back', async () => {
    // The panel covers the right-hand areas while it is open.
    const openPanel = facilitator.getByRole('complementary', { name: 'Leda workshopen' })
    if (await openPanel.isVisible()) await openPanel.getByRole('button', { name: 'Stäng' }).click()
    await facilitator.getByRole('button', { name: 'Visa hela tavlan' }).click()
    await facilitator.getByRole('button', { name: 'Lägg till idé i Personal och kompetens' }).click()
    await facilitator.keyboard.type('Städa mig')
    await facilitator.keyboard.press('Escape')
    await facilitator.keyboard.press('Escape')
    const tidyMe = note(facilitator, 'Städa mig')
    await tidyMe.waitFor()
    const box = async () => (await tidyMe.boundingBox())!
    const placed = await box()

    // Dragged a little, still inside its zone.
    await facilitator.mouse.move(placed.x + placed.width / 2, placed.y + placed.height / 2)
    await facilitator.mouse.down()
    await facilitator.mouse.move(placed.x + placed.width / 2 + 14, placed.y + placed.height / 2 + 10, { steps: 6 })
    await facilitator.mouse.up()
    await facilitator.keyboard.press('Escape')
    await expect.poll(async () => (await box()).x - placed.x).toBeGreaterThan(8)
    const dragged = await box()
    expect(await tidyMe.locator('.note-area-tag').textContent()).toContain('Personal och kompetens')

    const panel = await facilitatorPanel()
    await panel.getByLabel('Område att städa').selectOption({ label: 'Personal och kompetens' })
    await panel.getByRole('button', { name: 'Städa området' }).click()
    await expect.poll(async () => Math.abs((await box()).x - placed.x) + Math.abs((await box()).y - placed.y)).toBeLessThan(1.5)

    await facilitator.getByTestId('quick-actions.undo').click()
    await expect.poll(async () => Math.abs((await box()).x - dragged.x) + Math.abs((await box()).y - dragged.y)).toBeLessThan(1.5)
  })
})
