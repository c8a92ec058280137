/**
 * A whole session with the keyboard alone, in real Chromium against the real server: a
 * participant signs in, opens the board, switches to the outline, adds an idea to an area,
 * moves it to another and votes for it — no mouse. Another person on the canvas sees each
 * change, and a third, in the outline, hears them through its polite live region.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, storedBoard, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInByApi } from '../helpers/browser'
import { focused, named, tabTo } from '../helpers/keyboard'
import { eventually } from '../helpers/syncHarness'

const VIEWPORT = { width: 1366, height: 768 }
const IDEA = 'Språkcaféer på flera språk – العربية och svenska'
const POLL = { timeout: 15_000 }

let server: AppServer
let browser: Browser
const contexts: BrowserContext[] = []

async function storedNote(boardId: string, text: string) {
  const board = await storedBoard(server, boardId)
  return (
    board.steps
      .flatMap((s) => s.areas)
      .flatMap((a) => a.notes)
      .find((n) => n.text === text) ?? null
  )
}

async function newPage(email: string | null): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  contexts.push(context)
  if (email) await signInByApi(context, server.url, email, DEMO_PASSWORD)
  return context.newPage()
}

async function openBoard(page: Page, boardId: string) {
  await page.goto(`${server.url}/boards/${boardId}`)
  await page.locator('.connection[data-state="connected"]').waitFor()
  await page.locator('.area[data-area="ekonomi"]').waitFor()
}

const canvasNote = (page: Page) => page.locator('.tl-shape[data-shape-type="note"]', { hasText: 'Språkcaféer' })
const live = (page: Page) => page.getByTestId('outline-live').textContent()

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.stop()
})

describe('a keyboard-only session', () => {
  it('signs in, adds an idea in the outline, moves it and votes for it, and others see and hear it', async () => {
    const per = await newPage(null)
    const keys = per.keyboard

    // Sign in: the email field has focus from the start.
    await per.goto(`${server.url}/signin`)
    await tabTo(per, named(/^E-post$/))
    await keys.type(DEMO_USERS.participant.email)
    await tabTo(per, named(/^Lösenord$/))
    await keys.type(DEMO_PASSWORD)
    await keys.press('Enter')
    await per.waitForURL((url) => !url.pathname.startsWith('/signin'))

    // Open the board from the list.
    await tabTo(per, named(/Verksamhetsplan/))
    await keys.press('Enter')
    await per.waitForURL(/\/boards\//)
    const boardId = per.url().split('/boards/')[1]
    await per.locator('.connection[data-state="connected"]').waitFor()

    // Two others: Fia on the canvas, and Fia again in the outline with a screen reader.
    const canvas = await newPage(DEMO_USERS.facilitator.email)
    await openBoard(canvas, boardId)
    const listener = await newPage(DEMO_USERS.facilitator.email)
    await openBoard(listener, boardId)
    await listener.getByRole('button', { name: 'Lista' }).click()
    await listener.getByTestId('outline').waitFor()

    // Switch to the outline.
    await per.locator('.area[data-area="ekonomi"]').waitFor()
    await tabTo(per, named(/^Lista$/))
    await keys.press('Enter')
    await per.getByTestId('outline').waitFor()

    // Add an idea to "Ekonomiska resurser": the new note gets focus.
    await tabTo(per, named(/^Lägg till idé i Ekonomiska resurser$/))
    await keys.press('Enter')
    expect(await focused(per)).toMatchObject({ tag: 'textarea', name: 'Ny idé i Ekonomiska resurser' })
    await keys.type(IDEA)
    await keys.press('Enter')
    await expect.poll(() => focused(per), POLL).toMatchObject({ tag: 'li', area: 'ekonomi' })
    expect((await focused(per)).name).toContain(IDEA)

    await expect.poll(() => canvasNote(canvas).locator('.note-area-tag').getAttribute('data-note-area'), POLL).toBe('ekonomi')
    await expect.poll(() => live(listener), POLL).toBe(`Ny lapp i Ekonomiska resurser: ${IDEA}`)
    const listenerFocus = await focused(listener)
    expect(listenerFocus.area).toBeNull()

    // Move it to "Relationer och image": focus follows the note.
    await tabTo(per, named(/^Flytta ”Språkcaféer/))
    await keys.press('Enter')
    expect(await focused(per)).toMatchObject({ tag: 'select', name: 'Flytta till område' })
    await keys.type('Relationer')
    await tabTo(per, named(/^Flytta$/))
    await keys.press('Enter')
    await expect.poll(() => focused(per), POLL).toMatchObject({ tag: 'li', area: 'relationer' })

    await expect.poll(() => canvasNote(canvas).locator('.note-area-tag').getAttribute('data-note-area'), POLL).toBe('relationer')
    await expect.poll(() => live(listener), POLL).toBe(`Lapp flyttad till Relationer och image: ${IDEA}`)

    // The facilitator starts a voting round (through the API); Per votes from the outline.
    const started = await canvas.request.post(`${server.url}/api/boards/${boardId}/facilitation`, {
      data: { type: 'voting.start', votesPerPerson: 3, areas: null, anonymous: false },
      headers: { origin: server.url },
    })
    expect(started.status()).toBe(200)
    await expect.poll(() => per.getByTestId('voting-status').textContent(), POLL).toBe('3 röster kvar')
    await tabTo(per, named(/^Rösta på ”Språkcaféer/))
    await keys.press('Enter')
    const votes = per.locator('[data-outline-area="relationer"] li', { hasText: 'Språkcaféer' }).getByTestId('outline-votes')
    await expect.poll(() => votes.textContent(), POLL).toBe('1 röst (varav dina: 1)')
    await expect.poll(() => per.getByTestId('voting-status').textContent(), POLL).toBe('2 röster kvar')
    await expect.poll(() => canvasNote(canvas).locator('.note-votes').getAttribute('data-votes'), POLL).toBe('1')
    // Each vote is said aloud; with none left the + stays in reach and says why; votes taken back.
    await expect.poll(() => live(per), POLL).toBe('Röst lagd. Du har 2 röster kvar.')
    await keys.press('Enter')
    await expect.poll(() => live(per), POLL).toBe('Röst lagd. Du har 1 röst kvar.')
    await keys.press('Enter')
    await expect.poll(() => live(per), POLL).toBe('Röst lagd. Du har 0 röster kvar.')
    await keys.press('Enter')
    await expect.poll(() => live(per), POLL).toBe('Du har inga röster kvar.')
    await expect.poll(() => votes.textContent(), POLL).toBe('3 röster (varav dina: 3)')
    await tabTo(per, named(/^Ta tillbaka röst från ”Språkcaféer/))
    await keys.press('Enter')
    await expect.poll(() => live(per), POLL).toBe('Rösten togs tillbaka. Du har 1 röst kvar.')
    await keys.press('Enter')
    await expect.poll(() => live(per), POLL).toBe('Rösten togs tillbaka. Du har 2 röster kvar.')
    await expect.poll(() => canvasNote(canvas).locator('.note-votes').getAttribute('data-votes'), POLL).toBe('1')

    // Stored on the server with its area and author, written in two scripts.
    const stored = await eventually(async () => {
      const note = await storedNote(boardId, IDEA)
      if (note?.areaId !== 'relationer') throw new Error('the move is not stored yet')
      return note
    })
    expect(stored.createdBy?.name).toBe(DEMO_USERS.participant.name)
  })

  it('keeps your place: the note worked on in the outline is selected on the canvas, and back', async () => {
    const page = await newPage(DEMO_USERS.participant.email)
    await page.goto(server.url)
    await tabTo(page, named(/Verksamhetsplan/))
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/boards\//)
    await page.locator('.area[data-area="relationer"]').waitFor()
    await tabTo(page, named(/^Lista$/))
    await page.keyboard.press('Enter')
    await page.getByTestId('outline').waitFor()

    // Work on the note (open its editor, then cancel), then go back up to the view switch.
    await tabTo(page, named(/^Redigera ”Språkcaféer/))
    const noteId = (await focused(page)).noteId
    expect(noteId).toMatch(/^shape:/)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Escape')
    expect(await focused(page)).toMatchObject({ tag: 'button', noteId })
    await tabTo(page, named(/^Tavla$/), { backwards: true })
    await page.keyboard.press('Enter')

    // On the canvas: focus is in it, and tldraw's own announcer reads the selected note.
    await expect.poll(async () => (await focused(page)).inCanvas, POLL).toBe(true)
    const announcer = page.locator('.tl-container [role="status"][aria-live]')
    await expect.poll(() => announcer.textContent(), POLL).toContain('Språkcaféer')

    // Back to the outline (by mouse this time): the canvas's selection has focus there.
    await page.getByRole('button', { name: 'Lista' }).click()
    await expect.poll(async () => (await focused(page)).noteId, POLL).toBe(noteId)
  })
})
