/**
 * The rest of "from ideas to plan" in *Lista*, by keyboard alone, in real Chromium against the
 * real server, on a board with 40 ideas in one area (seeded through the notes API): the
 * facilitator asks for suggested themes, retitles and accepts one, rejects one and accepts
 * another; a participant votes on a whole theme up to the round's allowance and is refused
 * beyond it; the plan's downloads answer with the commitment in them; *Ny tavla från förra
 * planen* makes the next board, where the carried commitment's status is set from *Lista* and
 * shows in its plan.md. An observer there sees the status and can change nothing.
 */
import JSZip from 'jszip'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IDEA_GROUPS } from '../../lib/themes/testing/swedishIdeas'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, storedBoard, type AppServer } from '../helpers/appServer'
import { seriousViolations } from '../helpers/axe'
import { launchBrowser, signInByApi } from '../helpers/browser'
import { focused, jumpToArea, named, openOutlineByKeyboard, tabTo } from '../helpers/keyboard'

const VIEWPORT = { width: 1366, height: 768 }
const POLL = { timeout: 15_000 }
const AREA = 'Besökare och verksamhet'
const IDEAS = Object.values(IDEA_GROUPS)
  .flatMap((texts) => texts.slice(0, 7))
  .slice(0, 40)
const RETITLED = 'Studieplatser och lugn'
const COMMITMENT = 'Fler lugna studieplatser på alla filialer'
const NEXT_BOARD = 'Verksamhetsplan 2028'

let server: AppServer
let browser: Browser
let fia: Page
let per: Page
let boardId: string
let nextBoardId: string
/** The first accepted theme: its id and its notes' texts. */
let accepted: { id: string; texts: string[] }
/** The notes in the area: the demo board's own and ours. */
let notesInArea: number
const contexts: BrowserContext[] = []

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT })
  contexts.push(context)
  await signInByApi(context, server.url, email, DEMO_PASSWORD)
  return context.newPage()
}

/**
 * Takes focus to the plan at the end of the list: from inside the list, Page Down from area to
 * area and past the last; from above it, through *Gå till område*.
 */
async function jumpToPlan(page: Page) {
  const inList = await page.evaluate(() => !!document.activeElement?.closest('[data-outline-area], [data-outline-plan]'))
  if (inList) {
    for (let i = 0; i < 20 && (await focused(page)).name !== 'Planen'; i++) await page.keyboard.press('PageDown')
  } else {
    await tabTo(page, (f) => f.tag === 'select' && f.name === 'Gå till område', { max: 20 })
    await page.keyboard.type('Planen')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
  }
  expect(await focused(page)).toMatchObject({ tag: 'h2', name: 'Planen' })
}

const live = (page: Page) => page.getByTestId('outline-live')
const area = (page: Page) => page.locator('[data-outline-area="besokare"]')
const storedArea = async (id: string) => (await storedBoard(server, id)).steps[1].areas.find((a) => a.id === 'besokare')!
const proposalTexts = (page: Page, index: number) =>
  page.locator(`[data-outline-proposal="${index}"] ul li`).evaluateAll((items) => items.map((li) => li.textContent ?? ''))

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  fia = await signedIn(DEMO_USERS.facilitator.email)
  await fia.goto(server.url)
  await fia.getByRole('link', { name: /Verksamhetsplan/ }).click()
  await fia.waitForURL(/\/boards\//)
  boardId = fia.url().split('/boards/')[1]
  notesInArea = (await storedArea(boardId)).notes.length + IDEAS.length
  for (const text of IDEAS) {
    const response = await fia.request.post(`${server.url}/api/boards/${boardId}/notes`, {
      data: { areaId: 'besokare', text },
      headers: { origin: server.url },
    })
    expect(response.status()).toBe(201)
  }
  await openOutlineByKeyboard(fia, `${server.url}/boards/${boardId}`)
  await area(fia)
    .locator('li[data-note-id]')
    .nth(IDEAS.length - 1)
    .waitFor(POLL)
})

afterAll(async () => {
  for (const context of contexts) await context.close()
  await browser?.close()
  await server?.stop()
})

describe('suggested themes, theme votes and the plan in Lista, by keyboard', () => {
  it('asks for suggested themes, retitles and accepts one, rejects one, accepts another', async () => {
    await jumpToArea(fia, AREA)
    await tabTo(fia, (f) => f.tag === 'button' && f.name === `Föreslå teman i ${AREA}`, { max: 20 })
    await fia.keyboard.press('Enter')
    await expect.poll(() => live(fia).textContent(), POLL).toMatch(new RegExp(`^\\d+ förslag på teman i ${AREA}\\.`))
    const total = Number((await live(fia).textContent())!.split(' ')[0])
    expect(total).toBeGreaterThanOrEqual(3)
    // Focus is on the first proposal's title, named with its place in the list.
    expect(await focused(fia)).toMatchObject({ tag: 'input', name: 'Temats namn' })
    expect(
      await fia.evaluate(() => document.activeElement?.closest('[data-outline-proposal]')?.getAttribute('data-outline-proposal')),
    ).toBe('0')
    await expect.poll(() => fia.locator('[data-outline-proposal="0"]').textContent()).toContain(`Förslag 1 av ${total}`)
    const firstTexts = await proposalTexts(fia, 0)
    expect(firstTexts.length).toBeGreaterThanOrEqual(2)

    await fia.keyboard.press('ControlOrMeta+A')
    await fia.keyboard.type(RETITLED)
    await fia.keyboard.press('Tab')
    expect(await focused(fia)).toMatchObject({ tag: 'button', name: `Skapa tema ”${RETITLED}”` })
    await fia.keyboard.press('Enter')
    await expect
      .poll(() => live(fia).textContent(), POLL)
      .toBe(`Temat ”${RETITLED}” skapades med ${firstTexts.length} lappar. ${total - 1} förslag kvar.`)
    // Focus stays in the list, on the next proposal (now the first).
    expect(await focused(fia)).toMatchObject({ tag: 'input', name: 'Temats namn' })
    await expect.poll(() => fia.locator('[data-outline-proposal]').count()).toBe(total - 1)
    expect(await seriousViolations(fia)).toEqual([])

    // The theme record holds exactly the proposal's notes.
    await expect.poll(async () => (await storedArea(boardId)).themes.map((t) => t.title), POLL).toEqual([RETITLED])
    let stored = await storedArea(boardId)
    accepted = { id: stored.themes[0].id, texts: firstTexts }
    expect(
      stored.notes
        .filter((n) => n.themeId === accepted.id)
        .map((n) => n.text)
        .sort(),
    ).toEqual([...firstTexts].sort())

    // Reject the next one.
    const rejectedTitle = await fia.evaluate(() => (document.activeElement as HTMLInputElement).value)
    await tabTo(fia, (f) => f.tag === 'button' && f.name === `Avvisa förslaget ”${rejectedTitle}”`, { max: 3 })
    await fia.keyboard.press('Enter')
    await expect.poll(() => live(fia).textContent(), POLL).toBe(`Förslaget ”${rejectedTitle}” avvisades. ${total - 2} förslag kvar.`)
    expect(await focused(fia)).toMatchObject({ tag: 'input', name: 'Temats namn' })

    // And accept the one after it as the server named it.
    const thirdTitle = await fia.evaluate(() => (document.activeElement as HTMLInputElement).value)
    const thirdTexts = await proposalTexts(fia, 0)
    await fia.keyboard.press('Tab')
    await fia.keyboard.press('Enter')
    await expect.poll(() => live(fia).textContent(), POLL).toContain(`Temat ”${thirdTitle}” skapades med ${thirdTexts.length} lappar.`)
    await expect.poll(async () => (await storedArea(boardId)).themes.length, POLL).toBe(2)
    stored = await storedArea(boardId)
    const third = stored.themes.find((t) => t.title === thirdTitle)!
    expect(
      stored.notes
        .filter((n) => n.themeId === third.id)
        .map((n) => n.text)
        .sort(),
    ).toEqual([...thirdTexts].sort())
    expect(stored.themes.map((t) => t.title)).not.toContain(rejectedTitle)
    expect(stored.notes).toHaveLength(notesInArea)
  })

  it('refuses suggestions to a participant, on the page and at the server', async () => {
    per = await signedIn(DEMO_USERS.participant.email)
    await openOutlineByKeyboard(per, `${server.url}/boards/${boardId}`)
    await area(per).locator('[data-outline-theme]').first().waitFor(POLL)
    expect(
      await area(per)
        .getByRole('button', { name: `Föreslå teman i ${AREA}` })
        .count(),
    ).toBe(0)
    expect((await per.request.get(`${server.url}/api/boards/${boardId}/themes/suggest?area=besokare`)).status()).toBe(403)
  })

  it('lets a participant vote on a whole theme up to the allowance, and refuses one more', async () => {
    const start = await fia.request.post(`${server.url}/api/boards/${boardId}/facilitation`, {
      data: { type: 'voting.start', votesPerPerson: 2, areas: ['besokare'], anonymous: false, hideTally: false },
      headers: { origin: server.url },
    })
    expect(start.status()).toBe(200)
    const perTheme = area(per).locator(`[data-outline-theme="${accepted.id}"]`)
    await perTheme.getByRole('group', { name: `Röster på temat ”${RETITLED}”` }).waitFor(POLL)
    await expect.poll(() => perTheme.getByTestId('outline-theme-votes').textContent(), POLL).toBe('0 röster')

    await jumpToArea(per, AREA)
    await tabTo(per, (f) => f.tag === 'button' && f.name === `Rösta på temat ”${RETITLED}”`, { max: 30 })
    await per.keyboard.press('Enter')
    await expect.poll(() => live(per).textContent(), POLL).toBe(`Röst lagd på temat ”${RETITLED}”. Du har 1 röst kvar.`)
    await per.keyboard.press('Enter')
    await expect.poll(() => live(per).textContent(), POLL).toBe(`Röst lagd på temat ”${RETITLED}”. Du har 0 röster kvar.`)
    await expect.poll(() => perTheme.getByTestId('outline-theme-votes').textContent(), POLL).toBe('2 röster (varav dina: 2)')
    // The + stays in reach, says it is spent, and a third press counts nothing.
    expect(await focused(per)).toMatchObject({ tag: 'button', name: `Rösta på temat ”${RETITLED}”` })
    expect(await per.evaluate(() => document.activeElement?.getAttribute('aria-disabled'))).toBe('true')
    await per.keyboard.press('Enter')
    await expect.poll(() => live(per).textContent(), POLL).toBe('Du har inga röster kvar.')
    // The server keeps the same limit for a vote that bypasses the page.
    const extra = await per.request.post(`${server.url}/api/boards/${boardId}/votes`, {
      data: { noteId: accepted.id, delta: 1 },
      headers: { origin: server.url },
    })
    expect(extra.status()).toBe(409)
    const standing = (await (await per.request.get(`${server.url}/api/boards/${boardId}/votes`)).json()) as {
      mine: Record<string, number>
      remaining: number
    }
    expect(standing).toMatchObject({ mine: { [accepted.id]: 2 }, remaining: 0 })
    // Everyone sees the count: the facilitator's list too.
    await expect
      .poll(
        () => area(fia).locator(`[data-outline-theme="${accepted.id}"]`).getByTestId('outline-theme-votes').getAttribute('data-votes'),
        POLL,
      )
      .toBe('2')

    // Taking one back gives it back.
    await tabTo(per, (f) => f.tag === 'button' && f.name === `Ta tillbaka röst från temat ”${RETITLED}”`, { max: 3 })
    await per.keyboard.press('Enter')
    await expect.poll(() => live(per).textContent(), POLL).toBe(`Rösten på temat ”${RETITLED}” togs tillbaka. Du har 1 röst kvar.`)
    await expect.poll(() => perTheme.getByTestId('outline-theme-votes').textContent(), POLL).toBe('1 röst (varav dina: 1)')
  })

  it('offers the plan’s downloads in Lista, and they hold the commitment made of the theme', async () => {
    // Back up from the suggestions to the theme above them.
    await tabTo(fia, (f) => f.tag === 'button' && f.name === `Gör till åtagande: temat ”${RETITLED}”`, { max: 60, backwards: true })
    await fia.keyboard.press('Enter')
    await fia.getByRole('dialog', { name: 'Gör till åtagande' }).waitFor()
    await tabTo(fia, (f) => f.tag === 'textarea' && f.name === 'Åtagande', { max: 10 })
    await fia.keyboard.press('ControlOrMeta+A')
    await fia.keyboard.type(COMMITMENT)
    await fia.keyboard.press('Tab')
    await fia.keyboard.type('Per Deltagare')
    await tabTo(fia, (f) => f.tag === 'button' && f.name === 'Spara åtagande', { max: 8 })
    await fia.keyboard.press('Enter')
    await expect.poll(() => live(fia).textContent(), POLL).toContain(`Åtagandet ”${COMMITMENT}” skapades.`)
    await expect.poll(async () => (await storedArea(boardId)).commitments.map((c) => c.text), POLL).toEqual([COMMITMENT])

    const plan = fia.locator('[data-outline-plan]')
    await jumpToPlan(fia)
    const links = new Map<string, string>()
    for (const name of ['Planen som Word', 'Planen som Markdown', 'Utskriftsvänlig plan']) {
      const f = await tabTo(fia, (x) => x.tag === 'a' && x.name === name, { max: 3 })
      expect(f.area).toBeNull()
      links.set(name, (await plan.getByRole('link', { name }).getAttribute('href'))!)
    }
    const md = await fia.request.get(`${server.url}${links.get('Planen som Markdown')}`)
    expect(md.status()).toBe(200)
    expect(await md.text()).toContain(COMMITMENT)
    const docx = await fia.request.get(`${server.url}${links.get('Planen som Word')}`)
    expect(docx.status()).toBe(200)
    const xml = await (await JSZip.loadAsync(await docx.body())).file('word/document.xml')!.async('string')
    expect(xml).toContain(COMMITMENT)
    const printable = await fia.request.get(`${server.url}${links.get('Utskriftsvänlig plan')}`)
    expect(printable.status()).toBe(200)
    expect(await printable.text()).toContain(COMMITMENT)
  })

  it('makes the next board from Lista, and sets the carried commitment’s status there, which plan.md shows', async () => {
    await tabTo(fia, (f) => f.tag === 'input' && f.name === 'Namn på den nya tavlan', { max: 10 })
    await fia.keyboard.press('ControlOrMeta+A')
    await fia.keyboard.type(NEXT_BOARD)
    await tabTo(fia, (f) => f.tag === 'button' && f.name === 'Skapa ny tavla', { max: 3 })
    await fia.keyboard.press('Enter')
    await fia.getByRole('link', { name: 'Öppna den nya tavlan' }).waitFor(POLL)
    await tabTo(fia, (f) => f.tag === 'a' && f.name === 'Öppna den nya tavlan', { max: 5 })
    nextBoardId = (await fia.evaluate(() => (document.activeElement as HTMLAnchorElement).href)).split('/boards/')[1]
    await fia.keyboard.press('Enter')
    await fia.waitForURL(new RegExp(`/boards/${nextBoardId}$`))
    await openOutlineByKeyboard(fia, `${server.url}/boards/${nextBoardId}`)

    const previous = fia.locator('[data-outline-plan] [data-outline-previous]', { hasText: COMMITMENT })
    await previous.waitFor(POLL)
    await jumpToPlan(fia)
    await tabTo(fia, (f) => f.tag === 'select' && f.name === `Status för ”${COMMITMENT}”`, { max: 10 })
    await fia.keyboard.type('Påg')
    expect(await fia.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe('ongoing')
    await fia.keyboard.press('Tab')
    expect(await focused(fia)).toMatchObject({ tag: 'textarea', name: `Kommentar till status för ”${COMMITMENT}”` })
    await fia.keyboard.type('Två filialer klara')
    await fia.keyboard.press('Tab')
    expect(await focused(fia)).toMatchObject({ tag: 'button', name: `Spara status för ”${COMMITMENT}”` })
    await fia.keyboard.press('Enter')
    await expect.poll(() => live(fia).textContent(), POLL).toBe(`Status för ”${COMMITMENT}”: Pågår.`)
    expect(await seriousViolations(fia)).toEqual([])
    // The canvas's own commitment card and the list above say the same.
    await expect
      .poll(() => fia.locator('[data-outline-commitment]', { hasText: COMMITMENT }).textContent(), POLL)
      .toContain('Från förra planen: Pågår (Två filialer klara)')

    await expect
      .poll(async () => (await fia.request.get(`${server.url}/api/boards/${nextBoardId}/plan.md`)).text(), POLL)
      .toContain('Status: Pågår — Två filialer klara')
  })

  it('shows an observer the status, with nothing to change', async () => {
    const role = await fia.request.post(`${server.url}/api/boards/${nextBoardId}/members`, {
      data: { email: DEMO_USERS.participant.email, role: 'observer' },
      headers: { origin: server.url },
    })
    expect(role.ok()).toBe(true)
    await openOutlineByKeyboard(per, `${server.url}/boards/${nextBoardId}`)
    const plan = per.locator('[data-outline-plan]')
    await expect.poll(() => plan.getByTestId('outline-previous-status').textContent(), POLL).toBe('Status: Pågår — Två filialer klara')
    expect(await plan.locator('select, textarea, button').count()).toBe(0)
    expect(await plan.getByRole('link', { name: 'Planen som Markdown' }).count()).toBe(1)
    expect(await per.getByRole('button', { name: /^Föreslå teman/ }).count()).toBe(0)
    await jumpToPlan(per)
    await tabTo(per, named(/^Planen som Word$/), { max: 3 })
  })
})
