/**
 * The board page comes with its first room ticket: it connects without asking the token route,
 * and the ticket lands in no cache. A ticket that is no good any more — one the server refuses
 * as expired, or one from a page shown again long after it was served — still ends in a
 * connected board, through the token route as before.
 */
import type { Browser, BrowserContext, Page, WebSocket } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { createRoomTokens } from '../../lib/auth/roomToken'
import { isBoardRole } from '../../lib/auth/roles'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { chromium } from 'playwright-core'
import { CHROMIUM_PATH, launchBrowser, signInByApi } from '../helpers/browser'
import { TEST_SECRET } from '../helpers/syncHarness'

const VIEWPORT = { width: 1366, height: 768 }
/** A room token as we mint them: a JWT whose protected header is `{"alg":"HS256"}`. */
const JWT = /eyJhbGciOiJIUzI1NiJ9\.[\w-]+\.[\w-]+/g

let server: AppServer
let browser: Browser
let boardId: string
const contexts: BrowserContext[] = []
const browsers: Browser[] = []

interface Watched {
  page: Page
  /** Requests to the token route, in order. */
  tokenRequests: string[]
  /** The room token of each sync socket the page opened, in order. */
  socketTokens: string[]
}

async function signedInPage(inBrowser = browser): Promise<Watched> {
  const context = await inBrowser.newContext({ viewport: VIEWPORT })
  contexts.push(context)
  await signInByApi(context, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  const page = await context.newPage()
  const watched: Watched = { page, tokenRequests: [], socketTokens: [] }
  page.on('request', (request) => {
    if (/\/api\/boards\/[^/]+\/token$/.test(new URL(request.url()).pathname)) watched.tokenRequests.push(request.url())
  })
  page.on('websocket', (socket: WebSocket) => {
    const url = new URL(socket.url())
    if (url.pathname.startsWith('/sync/')) watched.socketTokens.push(url.searchParams.get('token') ?? '')
  })
  return watched
}

const connected = (page: Page) => page.locator('.connection[data-state="connected"]').waitFor({ timeout: 30_000 })

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  const { page } = await signedInPage()
  await page.goto(server.url)
  await page.getByRole('link', { name: /Verksamhetsplan/ }).click()
  await page.waitForURL(/\/boards\//)
  boardId = page.url().split('/boards/')[1]
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  for (const other of browsers) await other.close()
  await browser?.close()
  await server?.stop()
})

describe('the board page brings its first room ticket', () => {
  it('connects without a request to the token route, and keeps the ticket out of every cache', async () => {
    const { page, tokenRequests, socketTokens } = await signedInPage()
    const response = await page.goto(`${server.url}/boards/${boardId}`)
    expect(response?.status()).toBe(200)
    // Neither the browser's HTTP cache nor a proxy may keep the page with its ticket.
    expect(response?.headers()['cache-control']).toContain('no-store')
    const html = await response!.text()
    const inPage = html.match(JWT) ?? []
    expect(inPage).toHaveLength(1)

    await connected(page)
    await page.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached' })
    expect(tokenRequests).toEqual([])
    expect(socketTokens[0]).toBe(inPage[0])

    // The copy kept for offline use (the service worker's cache) carries no token at all.
    const cached = await page.evaluate(async () => {
      const texts: string[] = []
      for (const name of await caches.keys()) {
        const cache = await caches.open(name)
        for (const request of await cache.keys()) {
          const response = await cache.match(request)
          if (response && request.url.includes('/boards/')) texts.push(await response.text())
        }
      }
      return texts
    })
    expect(cached.length).toBeGreaterThan(0)
    for (const text of cached) {
      expect(text).toContain('Verksamhetsplan')
      expect(text.match(JWT)).toBeNull()
    }

    // Opened again (the service worker now in control), it still needs no token route.
    await page.reload()
    await connected(page)
    expect(tokenRequests).toEqual([])
  })

  it('connects through the token route when the server refuses the page’s ticket as expired', async () => {
    // A page served by the test (route.fulfill) counts as from the public internet to
    // Chromium's Local Network Access checks, which then block its socket to localhost.
    const lenient = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-features=LocalNetworkAccessChecks'],
    })
    browsers.push(lenient)
    const { page, tokenRequests, socketTokens } = await signedInPage(lenient)
    // The page as served, but with a ticket that expired minutes ago for the same person.
    let expired = ''
    await page.route(`${server.url}/boards/${boardId}`, async (route) => {
      // The copy keepForOffline asks for (it carries no ticket) passes as it is.
      if (!route.request().isNavigationRequest()) return route.continue()
      const response = await route.fetch()
      const html = await response.text()
      const [token] = html.match(JWT) ?? []
      if (!token) throw new Error('the board page came without a room ticket')
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>
      const role = claims.role
      if (!isBoardRole(role)) throw new Error(`no role in the page's ticket: ${String(role)}`)
      const past = createRoomTokens({ secret: TEST_SECRET, ttlSeconds: 60, now: () => Date.now() - 10 * 60_000 })
      expired = (
        await past.mint({
          userId: String(claims.sub),
          name: String(claims.name),
          boardId: String(claims.board),
          role,
        })
      ).token
      await route.fulfill({ response, body: html.replace(JWT, expired) })
    })
    await page.goto(`${server.url}/boards/${boardId}`)
    await connected(page)
    expect(socketTokens[0]).toBe(expired)
    expect(tokenRequests.length).toBeGreaterThanOrEqual(1)
    expect(socketTokens.at(-1)).not.toBe(expired)
  })

  it('connects through the token route when the page is shown long after it was served', async () => {
    const { page, tokenRequests, socketTokens } = await signedInPage()
    // This browser's clock is ten minutes on: to it the page's ticket was minted ten minutes
    // ago, as for a page shown again from a cache, so it is not even tried.
    await page.clock.install({ time: Date.now() + 10 * 60_000 })
    const response = await page.goto(`${server.url}/boards/${boardId}`)
    const [inPage] = (await response!.text()).match(JWT) ?? []
    await connected(page)
    expect(tokenRequests).toHaveLength(1)
    expect(socketTokens).not.toContain(inPage)
    expect(socketTokens.length).toBeGreaterThanOrEqual(1)
  })
})
