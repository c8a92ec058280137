/**
 * Nothing on a board makes a browser fetch from another site, and nothing a person does in
 * the editor leads them into writes the server refuses: opening a board fetches only this
 * app's files (not even the icons of tldraw's embed menu), the menu offers no embed, and a
 * pasted link becomes its text — not an embed or link preview, which the server would refuse
 * and whose socket it would close (server/sync/recordGuard.ts).
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TLShape } from '@tldraw/tlschema'
import { readRecords } from '../../lib/board/docLayout'
import { plainTextFromRichText } from '../../lib/board/richText'
import { openSqliteStore } from '../../server/store/sqliteStore'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { loadStoredDoc } from '../helpers/boardNotes'
import { launchBrowser, signInByApi } from '../helpers/browser'
import { importWorkshop, workshopNotes } from '../helpers/importWorkshop'
import { eventually } from '../helpers/syncHarness'

let server: AppServer
let browser: Browser
let page: Page
let boardId: string
const requested: string[] = []

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
  await signInByApi(context, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  boardId = await importWorkshop(context.request, server.url, { name: 'Länkar', notes: workshopNotes(40) })
  page = await context.newPage()
  page.on('request', (request) => requested.push(request.url()))
  await page.goto(`${server.url}/boards/${boardId}`)
  await page.locator('.connection[data-state="connected"]').waitFor()
  await page.locator('.tl-shape[data-shape-type="note"]').first().waitFor()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function storedShapes(): Promise<TLShape[]> {
  const store = openSqliteStore(server.dbPath)
  try {
    const doc = await loadStoredDoc(store.docs, boardId)
    const shapes = [...readRecords(doc).values()].filter((r): r is TLShape => r.typeName === 'shape')
    doc.destroy()
    return shapes
  } finally {
    await store.close()
  }
}

describe('off-site content', () => {
  it('opens a board fetching only this app’s files, the embed menu’s icons not among them', async () => {
    // Everything the page asked for while it opened (icons load once the editor is up).
    await page.locator('.tl-canvas').waitFor()
    const own = new URL(server.url).origin
    expect(requested.length).toBeGreaterThan(10)
    expect(requested.filter((url) => !url.startsWith(own) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([])
    expect(requested.filter((url) => url.includes('/embed-icons/'))).toEqual([])
    expect(requested.some((url) => url.includes('/tldraw/fonts/'))).toBe(true)
  })

  it('offers no embed in the menu', async () => {
    await page.getByTestId('main-menu.button').click()
    // The menu is open (its other insert item is there), and has no embed.
    await page.getByTestId('main-menu.insert-media').waitFor()
    expect(await page.getByTestId('main-menu.insert-embed').count()).toBe(0)
    await page.keyboard.press('Escape')
  })

  it('pastes a link as its text, which the server keeps, and stays connected', async () => {
    const link = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'
    await page.evaluate((text) => navigator.clipboard.writeText(text), link)
    const canvas = (await page.locator('.tl-canvas').boundingBox())!
    await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height - 120)
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+v')
    await eventually(async () => {
      const shapes = await storedShapes()
      expect(shapes.filter((shape) => ['embed', 'bookmark', 'video'].includes(shape.type))).toEqual([])
      const texts = shapes.flatMap((shape) => {
        const richText = (shape.props as { richText?: unknown }).richText
        return richText ? [plainTextFromRichText(richText as never)] : []
      })
      expect(texts).toContain(link)
    }, 15_000)
    expect(await page.locator('.connection').getAttribute('data-state')).toBe('connected')
  })
})
