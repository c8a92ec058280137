/**
 * The outline as the workshop's rules shape it, in real Chromium against the real server: a
 * private round's notes stay with their author until the reveal, locked areas and observers
 * get no controls, and editing and deleting work by keyboard — with focus kept safe when
 * someone else deletes the note it was on.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, storedBoard, storedPrivateTexts, type AppServer } from '../helpers/appServer'
import { eventually } from '../helpers/syncHarness'
import { launchBrowser, signInByApi } from '../helpers/browser'
import { focused, named, tabTo } from '../helpers/keyboard'

const VIEWPORT = { width: 1366, height: 768 }
const POLL = { timeout: 15_000 }

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

function command(data: unknown) {
  return fia.request.post(`${server.url}/api/boards/${boardId}/facilitation`, { data, headers: { origin: server.url } })
}

const area = (page: Page, id: string) => page.locator(`[data-outline-area="${id}"]`)
const noteItem = (page: Page, text: string) => page.getByTestId('outline').locator('li', { hasText: text })

async function addIdea(page: Page, areaTitle: string, text: string) {
  await page.getByRole('button', { name: `Lägg till idé i ${areaTitle}` }).click()
  await page.keyboard.type(text)
  await page.keyboard.press('Enter')
  await noteItem(page, text).waitFor()
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  fia = await signedIn(DEMO_USERS.facilitator.email)
  per = await signedIn(DEMO_USERS.participant.email)
  await fia.goto(server.url)
  await fia.getByRole('link', { name: /Verksamhetsplan/ }).click()
  await fia.waitForURL(/\/boards\//)
  boardId = fia.url().split('/boards/')[1]
  await openOutline(fia)
  await openOutline(per)
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.stop()
})

describe('the outline', () => {
  it('shows a private round’s notes only to their author until the reveal', async () => {
    expect((await command({ type: 'private.start' })).status()).toBe(200)
    await per.getByText('Privat runda – bara du ser dina nya lappar').waitFor()
    await addIdea(per, 'Framtid', 'Hemlig idé om framtiden')
    await expect.poll(() => noteItem(per, 'Hemlig idé om framtiden').textContent()).toContain('Privat')

    // It has reached the server where it belongs, Per's private document: not the board's own,
    // so not Fia's outline.
    await eventually(async () => expect(await storedPrivateTexts(server, boardId)).toContain('Hemlig idé om framtiden'), 15_000)
    const board = await storedBoard(server, boardId)
    expect([...board.steps.flatMap((s) => s.areas.flatMap((a) => a.notes)), ...board.unplaced].map((n) => n.text)).not.toContain(
      'Hemlig idé om framtiden',
    )
    expect(await noteItem(fia, 'Hemlig idé om framtiden').count()).toBe(0)

    expect((await command({ type: 'private.reveal' })).status()).toBe(200)
    await area(fia, 'framtid').locator('li', { hasText: 'Hemlig idé om framtiden' }).waitFor(POLL)
    await expect.poll(() => noteItem(per, 'Hemlig idé om framtiden').textContent(), POLL).not.toContain('Privat')
  })

  it('offers participants no changes in a locked area, and observers none at all', async () => {
    expect((await command({ type: 'area.lock', areaId: 'ekonomi', locked: true })).status()).toBe(200)
    await area(per, 'ekonomi').getByText('Området är låst av facilitatorn').waitFor(POLL)
    expect(await area(per, 'ekonomi').getByRole('button').count()).toBe(0)
    // Nor can a note be moved into it.
    await noteItem(per, 'Det lokala, fria kulturlivet')
      .getByRole('button', { name: /^Flytta/ })
      .click()
    const targets = await noteItem(per, 'Det lokala, fria kulturlivet').getByLabel('Flytta till område').locator('option').allTextContents()
    expect(targets).toContain('Framtid')
    expect(targets).not.toContain('Ekonomiska resurser')
    expect(targets).not.toContain('Relationer och image')
    await per.keyboard.press('Escape')
    // The facilitator is not held by the lock.
    expect(await area(fia, 'ekonomi').getByRole('button', { name: 'Lägg till idé i Ekonomiska resurser' }).count()).toBe(1)
    expect((await command({ type: 'area.lock', areaId: 'ekonomi', locked: false })).status()).toBe(200)

    const invite = await fia.request.post(`${server.url}/api/boards/${boardId}/invites`, {
      data: { role: 'observer', label: 'Styrelsen' },
      headers: { origin: server.url },
    })
    const observerContext = await browser.newContext({ viewport: VIEWPORT })
    contexts.push(observerContext)
    const observer = await observerContext.newPage()
    await observer.goto(((await invite.json()) as { url: string }).url)
    await observer.getByLabel('Ditt namn').fill('Olle Observatör')
    await observer.getByRole('button', { name: 'Gå med' }).click()
    await observer.waitForURL(/\/boards\//)
    await openOutline(observer)
    await noteItem(observer, 'Hemlig idé om framtiden').waitFor()
    // Only the jump to an area, which changes nothing on the board.
    expect(await observer.getByTestId('outline').getByRole('button').allTextContents()).toEqual(['Gå'])
  })

  it('edits and deletes by keyboard, and keeps focus on the area when someone else deletes the note', async () => {
    await addIdea(per, 'Personal och kompetens', 'Mentorer för nyanställda')
    // Edit: Enter opens the text, Enter saves it, and focus returns to "Redigera".
    await per.getByRole('button', { name: 'Redigera ”Mentorer för nyanställda”' }).focus()
    await per.keyboard.press('Enter')
    expect(await focused(per)).toMatchObject({ tag: 'textarea', name: 'Text på lappen' })
    await per.keyboard.press('End')
    await per.keyboard.type(' och praktikanter')
    await per.keyboard.press('Enter')
    await expect.poll(() => focused(per)).toMatchObject({ tag: 'button', name: 'Redigera ”Mentorer för nyanställda och praktikanter”' })
    await noteItem(fia, 'Mentorer för nyanställda och praktikanter').waitFor(POLL)

    // Someone else deletes the note Per is on: Per's focus lands on the area, not the page.
    await noteItem(fia, 'Mentorer för nyanställda och praktikanter')
      .getByRole('button', { name: /^Ta bort/ })
      .click()
    await fia.getByRole('button', { name: 'Ja, ta bort' }).click()
    await expect.poll(() => noteItem(per, 'Mentorer för nyanställda').count(), POLL).toBe(0)
    await expect.poll(() => focused(per)).toMatchObject({ tag: 'h3', name: 'Personal och kompetens' })
    await expect
      .poll(() => per.getByTestId('outline-live').textContent(), POLL)
      .toBe('Lapp borttagen ur Personal och kompetens: Mentorer för nyanställda och praktikanter')

    // Per deletes one by keyboard: confirm, and focus moves to the next note of the area.
    await addIdea(per, 'Personal och kompetens', 'Kompetensväxling')
    await addIdea(per, 'Personal och kompetens', 'Språkombud')
    await tabTo(per, named(/^Ta bort ”Kompetensväxling”$/), { backwards: true })
    await per.keyboard.press('Enter')
    expect(await focused(per)).toMatchObject({ tag: 'button', name: 'Ja, ta bort' })
    await per.keyboard.press('Enter')
    await expect.poll(() => noteItem(fia, 'Kompetensväxling').count(), POLL).toBe(0)
    await expect.poll(async () => (await focused(per)).name).toContain('Språkombud')
  })
})
