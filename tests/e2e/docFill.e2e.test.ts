/**
 * Before the board is full, its facilitator is told how full it is and where most of it lies;
 * a participant on the same board is not shown it. Real Chromium against the real server, with
 * a small document limit so that a few hundred ideas fill it.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInByApi } from '../helpers/browser'

const VIEWPORT = { width: 1366, height: 768 }
let server: AppServer
let browser: Browser
let fia: Page
let per: Page
let boardId: string
const contexts: BrowserContext[] = []

async function openOutline(page: Page) {
  await page.goto(`${server.url}/boards/${boardId}`)
  await page.locator('.connection[data-state="connected"]').waitFor()
  const outline = page.getByRole('button', { name: 'Lista', exact: true })
  if ((await outline.getAttribute('aria-pressed')) !== 'true') await outline.click()
  await page.getByTestId('outline').waitFor()
}

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  contexts.push(context)
  await signInByApi(context, server.url, email, DEMO_PASSWORD)
  return context.newPage()
}

function idea(page: Page, areaId: string, text: string) {
  return page.request.post(`${server.url}/api/boards/${boardId}/notes`, { data: { areaId, text }, headers: { origin: server.url } })
}

beforeAll(async () => {
  server = await startAppServer({ SYNC_MAX_DOC_BYTES: String(256 * 1024) })
  browser = await launchBrowser()
  fia = await signedIn(DEMO_USERS.facilitator.email)
  per = await signedIn(DEMO_USERS.participant.email)
  const boards = (await (await fia.request.get(`${server.url}/api/boards`)).json()) as { boards: { id: string }[] }
  boardId = boards.boards[0].id
  await openOutline(fia)
  await openOutline(per)
}, 120_000)

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.stop()
})

describe('a board nearing its size limit', () => {
  it('warns its facilitator, naming the fullest area, and not a participant', async () => {
    expect(await fia.locator('.doc-fill').count()).toBe(0)
    let n = 0
    // Long ideas into Besökare until the facilitator's board says it is nearly full.
    while ((await fia.locator('.doc-fill').count()) === 0) {
      n++
      expect(n, 'the warning never came').toBeLessThan(400)
      const response = await idea(per, 'besokare', `Idé ${n}: ${'Fler språkcaféer på filialerna. '.repeat(60)}`)
      expect(response.status()).toBe(201)
    }
    const notice = fia.getByRole('status').filter({ hasText: 'Tavlan är nästan full' })
    await notice.waitFor()
    const percent = Number(await fia.locator('.doc-fill').getAttribute('data-doc-fill'))
    expect(percent).toBeGreaterThanOrEqual(80)
    expect(percent).toBeLessThan(100)
    await expect.poll(() => notice.textContent()).toContain(`${percent} % av tavlans utrymme används`)
    expect(await notice.textContent()).toMatch(/Mest plats tar: Besökare och verksamhet \(\d+ lappar\)/)
    // The participant has received everything up to a later idea, and shows no warning.
    const sentinel = `Sist ${n}`
    expect((await idea(per, 'besokare', sentinel)).status()).toBe(201)
    await per.getByTestId('outline').getByText(sentinel).waitFor()
    expect(await per.locator('.doc-fill').count()).toBe(0)
    // Hiding it keeps it hidden until the board grows another band.
    await fia.getByRole('button', { name: 'Dölj' }).click()
    expect(await fia.locator('.doc-fill').count()).toBe(0)
  }, 180_000)
})
