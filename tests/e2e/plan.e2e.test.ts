/**
 * From ideas to plan in real Chromium, at workshop scale (45 notes in one area): the
 * facilitator groups three notes into a theme, accepts a suggested theme, turns the theme into
 * a commitment with an owner and a date, downloads the plan (Markdown and Word), creates next
 * period's board from it and sets the status of a carried commitment there.
 */
import JSZip from 'jszip'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IDEA_GROUPS } from '../../lib/themes/testing/swedishIdeas'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, storedBoard, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInThroughForm } from '../helpers/browser'

const VIEWPORT = { width: 1366, height: 768 }
const IDEAS = Object.values(IDEA_GROUPS)
  .flatMap((texts) => texts.slice(0, 7))
  .slice(0, 42)
const GROUPED = ['Fler studieplatser', 'Studieplatser med eluttag', 'Fler grupprum för studier']
let server: AppServer
let browser: Browser
let context: BrowserContext
let page: Page
let boardId: string

const note = (text: string) => page.locator('.tl-shape[data-shape-type="note"]').filter({ has: page.getByText(text, { exact: true }) })
const planPanel = () => page.getByRole('complementary', { name: 'Från idéer till plan' })

async function openPlanPanel() {
  if (!(await planPanel().isVisible())) await page.getByRole('button', { name: 'Plan', exact: true }).click()
  return planPanel()
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true })
  page = await context.newPage()
  await signInThroughForm(page, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  await page.getByRole('link', { name: /Verksamhetsplan/ }).click()
  await page.waitForURL(/\/boards\//)
  boardId = page.url().split('/boards/')[1]
  await page.locator('.connection[data-state="connected"]').waitFor()
  const statuses = await page.evaluate(
    async ({ boardId, ideas }) => {
      const out: number[] = []
      for (const text of ideas) {
        const response = await fetch(`/api/boards/${boardId}/notes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ areaId: 'besokare', text }),
        })
        out.push(response.status)
      }
      return out
    },
    { boardId, ideas: [...IDEAS, ...GROUPED.filter((g) => !IDEAS.includes(g))] },
  )
  expect(statuses.every((s) => s === 201)).toBe(true)
  // The facilitator tidies the area, as in a workshop, so every note can be seen.
  await page.getByRole('button', { name: 'Leda', exact: true }).click()
  const facilitate = page.getByRole('complementary', { name: 'Leda workshopen' })
  await facilitate.getByLabel('Område att städa').selectOption('besokare')
  await facilitate.getByRole('button', { name: 'Städa området' }).click()
  await page.getByRole('button', { name: 'Leda', exact: true }).click()
  await page.getByRole('button', { name: 'Visa hela tavlan' }).click()
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.stop()
})

describe('from ideas to plan', () => {
  it('groups three selected notes into a theme that holds them', async () => {
    await note(GROUPED[0]).click()
    for (const text of GROUPED.slice(1)) await note(text).click({ modifiers: ['Shift'] })
    const panel = await openPlanPanel()
    await panel.getByRole('button', { name: 'Gruppera' }).click()
    const theme = page.locator('.tl-html-container.theme')
    await expect.poll(() => theme.count(), { timeout: 5000 }).toBe(1)
    await expect.poll(() => theme.locator('.theme__count').textContent()).toBe('3 lappar')
    await expect.poll(async () => (await storedBoard(server, boardId)).steps[1].areas[0].themes.length).toBe(1)
    const stored = (await storedBoard(server, boardId)).steps[1].areas[0]
    const grouped = stored.notes.filter((n) => n.themeId === stored.themes[0].id).map((n) => n.text)
    expect(grouped.sort()).toEqual([...GROUPED].sort())
  })

  it('accepts a suggested theme for the area', async () => {
    const panel = await openPlanPanel()
    await panel.getByLabel('Område').selectOption('besokare')
    await panel.getByRole('button', { name: 'Föreslå', exact: true }).click()
    const proposal = panel.locator('.proposal').first()
    await proposal.waitFor()
    await proposal.getByLabel('Temats namn').fill('Språkcaféer')
    await proposal.getByRole('button', { name: 'Skapa tema' }).click()
    await expect.poll(() => page.locator('.tl-html-container.theme').count()).toBe(2)
    await expect
      .poll(async () => (await storedBoard(server, boardId)).steps[1].areas[0].themes.map((t) => t.title))
      .toContain('Språkcaféer')
  })

  it('turns the selected theme into a commitment with an owner and a date', async () => {
    const panel = await openPlanPanel()
    await panel.getByRole('button', { name: 'Gör till åtagande' }).click()
    const dialog = page.getByRole('dialog', { name: 'Gör till åtagande' })
    await dialog.getByLabel('Åtagande').fill('Språkcafé varje vecka på alla filialer')
    await dialog.getByLabel('Ansvarig').fill('Per Deltagare')
    await dialog.getByLabel('Klart senast / period').fill('2027-06-30')
    await dialog.getByLabel('Indikator: hur vet vi att vi lyckats?').fill('Antal deltagare per vecka')
    await dialog.getByRole('button', { name: 'Spara åtagande' }).click()
    await expect.poll(() => page.locator('.tl-html-container.commitment').count()).toBe(1)
    await expect.poll(async () => (await storedBoard(server, boardId)).steps[1].areas[0].commitments.length).toBe(1)
    const [commitment] = (await storedBoard(server, boardId)).steps[1].areas[0].commitments
    expect(commitment).toMatchObject({ owner: 'Per Deltagare', due: '2027-06-30', indicator: 'Antal deltagare per vecka' })
    // It keeps the theme and the theme's notes it came from.
    expect(commitment.sources[0]).toMatchObject({ kind: 'theme', text: 'Språkcaféer' })
    expect(commitment.sources.length).toBeGreaterThan(2)
  })

  it('downloads the plan as Markdown and Word with the commitment in its area', async () => {
    const panel = await openPlanPanel()
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: 'Planen som Markdown' }).click()])
    const markdown = await streamText(await download.createReadStream())
    expect(markdown).toContain('### Besökare och verksamhet')
    expect(markdown).toContain('- **Språkcafé varje vecka på alla filialer**')
    expect(markdown).toContain('Ansvarig: Per Deltagare · Period: 2027-06-30 · Indikator: Antal deltagare per vecka')
    const docx = await page.request.get(`${server.url}/api/boards/${boardId}/plan.docx`)
    expect(docx.headers()['content-type']).toContain('wordprocessingml')
    const xml = await (await JSZip.loadAsync(await docx.body())).file('word/document.xml')!.async('string')
    expect(xml).toContain('Språkcafé varje vecka på alla filialer')
    await page.goto(`${server.url}/boards/${boardId}/plan`)
    await expect.poll(() => page.getByRole('heading', { name: 'Besökare och verksamhet' }).count()).toBe(1)
    expect(await page.locator('[data-area="besokare"] [data-commitment]').textContent()).toContain('Per Deltagare')
    await page.goto(`${server.url}/boards/${boardId}`)
    await page.locator('.connection[data-state="connected"]').waitFor()
  })

  it('creates next period’s board carrying the commitment, and sets its status there', async () => {
    const panel = await openPlanPanel()
    await panel.getByLabel('Namn på den nya tavlan').fill('Verksamhetsplan 2027')
    await panel.getByRole('button', { name: 'Skapa ny tavla' }).click()
    await panel.getByRole('link', { name: 'Öppna den nya tavlan' }).click()
    await page.waitForURL((url) => !url.pathname.endsWith(boardId))
    const nextId = page.url().split('/boards/')[1]
    await page.locator('.connection[data-state="connected"]').waitFor()
    await page.getByRole('link', { name: 'Fortsätter Verksamhetsplan – workshop' }).waitFor()
    await page.getByRole('button', { name: 'Visa hela tavlan' }).click()
    const card = page.locator('.tl-html-container.commitment', { hasText: 'Språkcafé varje vecka' })
    await card.waitFor({ state: 'attached' })
    // The card sits on the canvas: a click at its place selects it, as a person's would.
    const box = (await card.boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + Math.min(20, box.height / 2))
    const nextPanel = await openPlanPanel()
    await nextPanel.getByRole('button', { name: 'Ändra åtagande' }).click()
    const dialog = page.getByRole('dialog', { name: 'Ändra åtagande' })
    await dialog.getByLabel('Status').selectOption('ongoing')
    await dialog.getByLabel('Kommentar').fill('Igång på tre filialer')
    await dialog.getByRole('button', { name: 'Spara åtagande' }).click()
    await expect
      .poll(async () =>
        (await storedBoard(server, nextId)).steps[1].areas[0].commitments.map((c) => [c.text, c.carried, c.status, c.statusComment]),
      )
      .toContainEqual(['Språkcafé varje vecka på alla filialer', true, 'ongoing', 'Igång på tre filialer'])
    const plan = await page.request.get(`${server.url}/api/boards/${nextId}/plan.md`)
    const text = await plan.text()
    expect(text).toContain('Fortsätter Verksamhetsplan – workshop')
    expect(text).toContain('#### Förra periodens åtaganden')
    expect(text).toContain('Status: Pågår — Igång på tre filialer')
  })
})

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}
