/**
 * Names stay out of everything that leaves a board that hides them: a board from before the
 * anonymity rule, whose notes still carry their authors (`meta.createdBy`, tldraw's
 * `textFirstEditedBy` and a `user:` record with the name), with names hidden by the
 * facilitator. Neither the canvas, the SVG picture, nor the server's Markdown, CSV, JSON,
 * backup, PDF or snapshot preview shows the name. And a voting round that hides its tally
 * puts no readable count into the synced document until it ends.
 */
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { readRecords, sessionMap, votesMap } from '../../lib/board/docLayout'
import { readSession } from '../../lib/board/session'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInByApi, signedInRequest } from '../helpers/browser'
import { importWorkshop } from '../helpers/importWorkshop'
import { connectClient, eventually } from '../helpers/syncHarness'

const AUTHOR = 'Greta Författarsson'
const SHOTS = process.env.ANONYMITY_SCREENSHOTS_DIR

let server: AppServer
let browser: Browser
let context: BrowserContext
let page: Page
let api: APIRequestContext
let boardId: string

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true })
  await signInByApi(context, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  api = await signedInRequest(server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  boardId = await importWorkshop(context.request, server.url, {
    name: 'Anonym',
    notes: Array.from({ length: 8 }, (_, i) => ({
      area: (['uppdrag', 'framtid', 'besokare', 'relationer', 'ekonomi', 'personal', 'organisation', 'motesplatser'] as const)[i],
      text: `Hemlig författare ${i + 1}`,
      meta: { createdBy: { id: 'greta', name: AUTHOR } },
    })),
    editNote: (note) => ({ ...note, props: { ...note.props, textFirstEditedBy: 'greta' } }),
    extraRecords: [{ id: 'user:greta', typeName: 'user', name: AUTHOR, color: '#ff0000', imageUrl: '', meta: {} } as never],
    session: { showAuthors: false },
  })
  page = await context.newPage()
})

afterAll(async () => {
  await api?.dispose()
  await browser?.close()
  await server?.stop()
})

describe('a board that hides its authors', () => {
  it('shows no name on the canvas, and its SVG picture holds none', async () => {
    await page.goto(`${server.url}/boards/${boardId}`)
    await page.locator('.tl-shape[data-shape-type="note"]').first().waitFor()
    await page.locator('.connection[data-state="connected"]').waitFor()
    await expect.poll(() => page.locator('.tl-shape[data-shape-type="note"]').count()).toBe(8)
    expect(await page.locator('.tl-note__attribution').count()).toBe(0)
    // textContent, not innerText: the name must not be in the page at all, drawn or not (far
    // out, notes' text is left unpainted).
    // (Notes are drawn with soft hyphens in long words: read without them.)
    const canvasText = (await page.locator('.tl-canvas').textContent())!.replaceAll('\u00ad', '')
    expect(canvasText).not.toContain('Greta')
    expect(canvasText).toContain('Hemlig författare 3')
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'anonymous-board.png') })

    await page.getByRole('button', { name: 'Exportera' }).click()
    const dialog = page.getByRole('dialog', { name: 'Exportera tavlan' })
    await dialog.getByLabel('Hela tavlan').check()
    await dialog.getByLabel('Format').selectOption('svg')
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Ladda ned' }).click()])
    const svg = (await import('node:fs')).readFileSync((await download.path())!, 'utf8')
    expect(svg).toContain('Hemlig författare 3')
    expect(svg).not.toContain('Greta')
    await dialog.getByRole('button', { name: 'Stäng' }).click()
  })

  it('names nobody in the Markdown, CSV, JSON, backup and snapshot preview, even for the facilitator', async () => {
    for (const file of ['export.md', 'export.csv', 'export.json', 'backup.json']) {
      const response = await api.get(`/api/boards/${boardId}/${file}`)
      expect(response.status(), file).toBe(200)
      const body = await response.text()
      expect(body, file).toContain('Hemlig författare 5')
      expect(body, file).not.toContain('Greta')
    }
    const saved = await api.post(`/api/boards/${boardId}/snapshots`, { data: { name: 'Före' }, headers: { origin: server.url } })
    expect(saved.status()).toBe(201)
    const { snapshot } = (await saved.json()) as { snapshot: { id: string } }
    const preview = await api.get(`/api/boards/${boardId}/snapshots/${snapshot.id}`)
    expect(await preview.text()).not.toContain('Greta')
  })

  it('names nobody in the PDF', async () => {
    const response = await api.get(`/api/boards/${boardId}/export.pdf`)
    expect(response.status()).toBe(200)
    const pdf = await PDFDocument.load(await response.body())
    expect(pdf.getPageCount()).toBeGreaterThan(1)
    const raw = (await response.body()).toString('latin1')
    expect(raw).not.toContain('Greta')
  })
})

describe('an anonymous board', () => {
  it('keeps the writer’s name out of the synced document, as a raw Yjs client reads it', async () => {
    const anonymousId = await importWorkshop(context.request, server.url, {
      name: 'Helt anonym',
      notes: [],
      session: { anonymous: true, showAuthors: false },
    })
    const writer = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    await signInByApi(writer, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
    const writerPage = await writer.newPage()
    await writerPage.goto(`${server.url}/boards/${anonymousId}`)
    await writerPage.locator('.connection[data-state="connected"]').waitFor()
    await writerPage.getByRole('button', { name: 'Lägg till idé i Ekonomiska resurser' }).click()
    await writerPage.keyboard.type('Anonym idé om öppettider')
    await writerPage.keyboard.press('Escape')
    await writerPage.locator('.tl-shape[data-shape-type="note"]', { hasText: 'Anonym idé om öppettider' }).waitFor()

    const ticket = await api.post(`/api/boards/${anonymousId}/token`, { headers: { origin: server.url } })
    const { token, url } = (await ticket.json()) as { token: string; url: string }
    const client = connectClient(url, anonymousId, token, new Y.Doc())
    try {
      await client.synced
      const everything = () =>
        JSON.stringify({
          records: [...readRecords(client.doc).values()],
          session: sessionMap(client.doc).toJSON(),
          votes: votesMap(client.doc).toJSON(),
        })
      await eventually(() => expect(everything()).toContain('Anonym idé om öppettider'), 10_000)
      expect(everything()).not.toContain(DEMO_USERS.facilitator.name)
      expect(everything()).not.toContain('"createdBy"')
      expect(everything()).not.toContain('"typeName":"user"')
    } finally {
      client.destroy()
      await writer.close()
    }
  })
})

describe('a voting round that hides its tally', () => {
  it('keeps every count out of the synced document until the round ends', async () => {
    const started = await api.post(`/api/boards/${boardId}/facilitation`, {
      data: { type: 'voting.start', votesPerPerson: 3, areas: null, anonymous: true, hideTally: true },
      headers: { origin: server.url },
    })
    expect(started.status()).toBe(200)
    const participant = await signedInRequest(server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
    const noteId = 'shape:note-3'
    for (let i = 0; i < 2; i++) {
      const vote = await participant.post(`/api/boards/${boardId}/votes`, { data: { noteId, delta: 1 }, headers: { origin: server.url } })
      expect(vote.status()).toBe(200)
      expect(((await vote.json()) as { mine: Record<string, number> }).mine[noteId]).toBe(i + 1)
    }
    await participant.dispose()

    // A raw Yjs client, as anyone on the board could run, reads the whole document.
    const ticket = await api.post(`/api/boards/${boardId}/token`, { headers: { origin: server.url } })
    const { token, url } = (await ticket.json()) as { token: string; url: string }
    const client = connectClient(url, boardId, token, new Y.Doc())
    try {
      await client.synced
      await eventually(() => expect(readSession(client.doc).voting?.active).toBe(true))
      const votes = JSON.stringify(votesMap(client.doc).toJSON())
      expect(votesMap(client.doc).size).toBe(1)
      expect(votes).not.toContain(noteId)
      expect(votes).not.toMatch(/"n"\s*:/)

      const ended = await api.post(`/api/boards/${boardId}/facilitation`, { data: { type: 'voting.end' }, headers: { origin: server.url } })
      expect(ended.status()).toBe(200)
      await eventually(() => expect(JSON.stringify(votesMap(client.doc).toJSON())).toContain(`${noteId}":{"n":2`))
    } finally {
      client.destroy()
    }
  })
})
