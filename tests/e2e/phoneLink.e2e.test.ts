/**
 * The room's phone link and what a guest sees when access ends: the QR dialog shows the same
 * standing link every time (renewed or turned off by the facilitator, never a new invite per
 * opening); a guest whose link is turned off is told at once, on the canvas and on the phone
 * page, and what they typed stays on their screen.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInByApi } from '../helpers/browser'

const VIEWPORT = { width: 1366, height: 768 }
let server: AppServer
let browser: Browser
let facilitator: BrowserContext
let boardId: string

const phoneLink = async (method: 'GET' | 'POST' | 'DELETE' = 'GET') => {
  const response = await facilitator.request.fetch(`${server.url}/api/boards/${boardId}/phone-link`, {
    method,
    headers: { origin: server.url, 'content-type': 'application/json' },
    data: method === 'POST' ? { action: 'renew' } : undefined,
  })
  return response
}

async function join(url: string, name: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  const page = await context.newPage()
  await page.goto(url)
  await page.getByLabel('Ditt namn').fill(name)
  await page.getByRole('button', { name: 'Gå med' }).click()
  await page.waitForURL(/\/boards\//)
  return { context, page }
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  facilitator = await browser.newContext({ viewport: VIEWPORT })
  await signInByApi(facilitator, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  const boards = await facilitator.request.get(`${server.url}/api/boards`)
  boardId = ((await boards.json()) as { boards: { id: string }[] }).boards[0].id
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the phone link', () => {
  it('is the same link each time the dialog opens, until renewed', async () => {
    const page = await facilitator.newPage()
    await page.goto(`${server.url}/boards/${boardId}`)
    await page.locator('.connection[data-state="connected"]').waitFor()
    const shown: string[] = []
    await page.getByRole('button', { name: 'Leda' }).click()
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'Mobil', exact: true }).click()
      const dialog = page.getByRole('dialog', { name: 'Idéer från mobilen' })
      await dialog.locator('.qr__link a').waitFor()
      shown.push((await dialog.locator('.qr__link a').textContent())!)
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
    }
    expect(shown[0]).toMatch(/\/join\/[A-Za-z0-9_-]{43}\?to=phone$/)
    expect(shown[1]).toBe(shown[0])
    const invites = await facilitator.request.get(`${server.url}/api/boards/${boardId}/invites`)
    expect(((await invites.json()) as { invites: unknown[] }).invites).toHaveLength(1)

    const renewed = (await (await phoneLink('POST')).json()) as { url: string }
    expect(renewed.url).not.toBe(shown[0])
    expect(((await (await phoneLink()).json()) as { url: string }).url).toBe(renewed.url)
    await page.close()
  })

  it('tells a guest at once when the link is turned off, and keeps what they typed', async () => {
    const { url } = (await (await phoneLink()).json()) as { url: string }
    const onPhone = await join(url, 'Mobil-Maja')
    await onPhone.page.waitForURL(/\/phone$/)
    const onCanvas = await join(url.replace('?to=phone', ''), 'Duk-David')
    await onCanvas.page.locator('.connection[data-state="connected"]').waitFor()

    expect((await phoneLink('DELETE')).status()).toBe(204)

    // The canvas: a clear message, and the board turns read-only.
    const alert = onCanvas.page.getByRole('alert').filter({ hasText: 'Din åtkomst till tavlan har upphört' })
    await alert.waitFor({ timeout: 15_000 })
    await expect.poll(() => onCanvas.page.locator('.area__add').count()).toBe(0)

    // The phone: the idea is not sent, the reason is given, and the text stays.
    const text = 'Idé som skrevs efter att länken stängdes'
    await onPhone.page.getByLabel('Din idé').fill(text)
    await onPhone.page.getByRole('button', { name: 'Skicka' }).click()
    await onPhone.page.getByRole('alert').filter({ hasText: 'Din åtkomst till tavlan har upphört' }).waitFor()
    expect(await onPhone.page.getByLabel('Din idé').inputValue()).toBe(text)
    await onPhone.context.close()
    await onCanvas.context.close()
  })
})
