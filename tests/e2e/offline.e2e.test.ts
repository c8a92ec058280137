/**
 * A branch on a weak link: it goes offline, keeps adding ideas, even reloads the page while
 * offline, and when the connection returns every idea reaches the others and the server.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { privateDocPrefix } from '../../lib/board/docIds'
import { OFFLINE_CACHE } from '../../components/board/localBoards'
import { startAppServer, storedBoard, storedPrivateTexts, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInByApi, signInThroughForm } from '../helpers/browser'
import { eventually } from '../helpers/syncHarness'

const VIEWPORT = { width: 1366, height: 768 }
let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []

const note = (page: Page, text: string) => page.locator('.tl-shape[data-shape-type="note"]', { hasText: text })

async function addIdea(page: Page, area: string, text: string) {
  await page.getByRole('button', { name: `Lägg till idé i ${area}` }).click()
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await note(page, text).waitFor({ state: 'attached' })
}

/** Whether a request from the page reaches the server now (not a copy kept for offline use). */
const reachesServer = (page: Page) =>
  page.evaluate(() =>
    fetch(`/api/health?probe=${Math.random()}`, { cache: 'no-store' }).then(
      (response) => response.ok,
      () => false,
    ),
  )

async function storedTexts(boardId: string): Promise<string[]> {
  const board = await storedBoard(server, boardId)
  return board.steps.flatMap((s) => s.areas.flatMap((a) => a.notes.map((n) => n.text)))
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.stop()
})

/** The facilitator and a branch on the demo board, both connected, the branch ready to go offline. */
async function facilitatorAndBranch() {
  const f = await browser.newContext({ viewport: VIEWPORT })
  const b = await browser.newContext({ viewport: VIEWPORT })
  contexts.push(f, b)
  const facilitator = await f.newPage()
  await signInThroughForm(facilitator, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  await facilitator.getByRole('link', { name: /Verksamhetsplan/ }).click()
  await facilitator.waitForURL(/\/boards\//)
  const boardId = facilitator.url().split('/boards/')[1]
  await facilitator.locator('.connection[data-state="connected"]').waitFor()

  await signInByApi(b, server.url, DEMO_USERS.participant.email, DEMO_PASSWORD)
  const branch = await b.newPage()
  await branch.goto(`${server.url}/boards/${boardId}`)
  await branch.locator('.connection[data-state="connected"]').waitFor()
  await branch.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached' })
  return { facilitator, branch, b, boardId }
}

describe('working offline', () => {
  it('keeps ideas added offline, across a reload, and delivers them when the connection returns', async () => {
    const { facilitator, branch, b, boardId } = await facilitatorAndBranch()

    // The link drops.
    expect(await reachesServer(branch)).toBe(true)
    await b.setOffline(true)
    await branch.locator('.connection[data-state="offline"]').waitFor()
    await addIdea(branch, 'Framtid', 'Offline-idé ett')

    // Even a reload while offline opens the board, with the idea still there.
    await branch.reload()
    await branch.locator('.area[data-area="framtid"]').waitFor()
    await note(branch, 'Offline-idé ett').waitFor({ state: 'attached' })
    await addIdea(branch, 'Framtid', 'Offline-idé två')

    // Nothing to wait for: the branch's board has not been connected since the link dropped,
    // and the link is still down (a request to the server fails), so nothing it wrote can be on
    // its way. Had it reconnected, or were the link up, these would be the ideas' way out.
    expect(await branch.locator('.connection').getAttribute('data-state')).toBe('offline')
    expect(await reachesServer(branch)).toBe(false)
    expect(await note(facilitator, 'Offline-idé ett').count()).toBe(0)
    expect(await storedTexts(boardId)).not.toContain('Offline-idé ett')

    // The link returns: everything arrives, for the others and on the server.
    await b.setOffline(false)
    await branch.locator('.connection[data-state="connected"]').waitFor({ timeout: 30_000 })
    await note(facilitator, 'Offline-idé ett').waitFor({ state: 'attached', timeout: 15_000 })
    await note(facilitator, 'Offline-idé två').waitFor({ state: 'attached', timeout: 15_000 })
    await eventually(async () => {
      const texts = await storedTexts(boardId)
      expect(texts).toContain('Offline-idé ett')
      expect(texts).toContain('Offline-idé två')
    }, 15_000)

    // Signing out leaves nothing of the board on the device: not its copy, not its page.
    const kept = () =>
      branch.evaluate(async () => ({
        databases: (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('strategitavlan:')),
        caches: await caches.keys(),
      }))
    expect((await kept()).databases).toHaveLength(1)
    expect((await kept()).caches).toContain('strategitavlan-offline-v1')
    await branch.locator('.user-menu > summary').click()
    await branch.getByRole('button', { name: 'Logga ut' }).click()
    await branch.waitForURL(/\/signin/)
    expect(await kept()).toEqual({ databases: [], caches: [] })
  })

  it('keeps a private round’s ideas written offline private, across a reload, until the reveal', async () => {
    const { facilitator, branch, b, boardId } = await facilitatorAndBranch()
    const panel = facilitator.getByRole('complementary', { name: 'Leda workshopen' })
    if (!(await panel.isVisible())) await facilitator.getByRole('button', { name: 'Leda', exact: true }).click()
    await panel.getByRole('button', { name: 'Starta privat runda' }).click()
    await branch.getByText('Privat runda – bara du ser dina nya lappar').waitFor()
    // Let the private document reach the device before the link drops: its copy there (a
    // second IndexedDB database, beside the board's) has been opened.
    await branch.waitForFunction(
      async (prefix) => (await indexedDB.databases()).some((db) => db.name?.startsWith(prefix)),
      `strategitavlan:${privateDocPrefix(boardId)}`,
    )

    await b.setOffline(true)
    await branch.locator('.connection[data-state="offline"]').waitFor()
    await addIdea(branch, 'Framtid', 'Privat offline-idé')
    await branch.reload()
    await branch.locator('.area[data-area="framtid"]').waitFor()
    await note(branch, 'Privat offline-idé').waitFor({ state: 'attached' })

    await b.setOffline(false)
    await branch.locator('.connection[data-state="connected"]').waitFor({ timeout: 30_000 })
    // Back online it reaches the server where it belongs, the branch's private document: not
    // the board's own, so not the facilitator's page.
    await eventually(async () => expect(await storedPrivateTexts(server, boardId)).toContain('Privat offline-idé'), 15_000)
    expect(await storedTexts(boardId)).not.toContain('Privat offline-idé')
    expect(await note(facilitator, 'Privat offline-idé').count()).toBe(0)

    await panel.getByRole('button', { name: 'Visa allas lappar' }).click()
    await note(facilitator, 'Privat offline-idé').waitFor({ state: 'attached', timeout: 15_000 })
  })

  it('keeps a static file once: a later open does not put it again (Chromium keeps its compiled code beside the kept copy)', async () => {
    const { branch, b } = await facilitatorAndBranch()
    const keptScripts = await branch.evaluate(async (name) => {
      const cache = await caches.open(name)
      return (await cache.keys())
        .map((request) => request.url)
        .filter((url) => new URL(url).pathname.startsWith('/_next/static/') && url.endsWith('.js'))
    }, OFFLINE_CACHE)
    expect(keptScripts.length).toBeGreaterThan(5)

    // Every write into the page's caches from now on, as the URL it writes.
    await b.addInitScript(() => {
      const writes: string[] = []
      Object.assign(window, { cacheWrites: writes })
      const url = (request: RequestInfo | URL) => new URL(request instanceof Request ? request.url : String(request), location.href).href
      const { add, addAll, put } = Cache.prototype
      Cache.prototype.add = function (request) {
        writes.push(url(request))
        return add.call(this, request)
      }
      Cache.prototype.addAll = function (requests) {
        writes.push(...[...requests].map(url))
        return addAll.call(this, requests)
      }
      Cache.prototype.put = function (request, response) {
        writes.push(url(request))
        return put.call(this, request, response)
      }
    })
    await branch.reload()
    await branch.locator('.connection[data-state="connected"]').waitFor()
    await branch.locator('html[data-offline-ready="true"]').waitFor({ state: 'attached' })
    const writes = await branch.evaluate(() => (window as unknown as { cacheWrites: string[] }).cacheWrites)
    // The page is kept anew at each open (it is not named by its content); no kept script is.
    expect(writes).toContain(branch.url())
    expect(writes.filter((url) => keptScripts.includes(url))).toEqual([])
  })

  it('asks for the board page while the worker starts (navigation preload) and gives every page the one answer', async () => {
    const { branch, b, boardId } = await facilitatorAndBranch()
    const preload = await branch.evaluate(() => navigator.serviceWorker.ready.then((r) => r.navigationPreload.getState()))
    expect(preload.enabled).toBe(true)

    /** How this page's own document came: through the worker or not, from the network or its cache. */
    const arrival = () =>
      branch.evaluate(() => {
        const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & { deliveryType: string }
        return { throughWorker: entry.workerStart > 0, delivery: entry.deliveryType }
      })
    // Coming back later: the worker has stopped, and the page's request goes out as it starts.
    const cdp = await b.newCDPSession(branch)
    await cdp.send('ServiceWorker.enable')
    await cdp.send('ServiceWorker.stopAllWorkers')
    await branch.reload()
    await branch.locator('.connection[data-state="connected"]').waitFor()
    expect(await arrival()).toEqual({ throughWorker: true, delivery: '' })

    // A page the worker does not keep is answered with its preloaded response too.
    await branch.goto(`${server.url}/`)
    await branch.getByRole('link', { name: /Verksamhetsplan/ }).waitFor()
    expect(await arrival()).toEqual({ throughWorker: true, delivery: '' })

    // Offline, the board page comes from the worker's cache.
    await b.setOffline(true)
    await branch.goto(`${server.url}/boards/${boardId}`)
    await branch.locator('.tl-shape[data-shape-type="note"]').first().waitFor({ state: 'attached' })
    expect(await arrival()).toEqual({ throughWorker: true, delivery: 'cache-storage' })
    await b.setOffline(false)
  })
})
