/**
 * A planning round in real Chromium against the real app, seeded through the API: a round with
 * three branch boards (one with its own facilitator), notes on two of them, the overview that
 * updates itself while a branch works, two ideas promoted from the roll-up to the central
 * board, and the round's CSV downloaded with its branch column. The branch's facilitator sees
 * their own board only.
 */
import fs from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, storedBoard, type AppServer } from '../helpers/appServer'
import { launchBrowser, signedInRequest, signInByApi } from '../helpers/browser'

let server: AppServer
let browser: Browser
let context: BrowserContext
let page: Page
let roundId: string
let centralBoardId: string
const boardOf = new Map<string, string>()

const IDEAS: Record<string, string[]> = {
  Bredäng: ['Längre öppettider på kvällarna', 'Läxhjälp med volontärer'],
  Skärholmen: ['Längre öppettider kvällar och helger', 'Sagostund på lördagar'],
}

async function post(path: string, data: unknown) {
  const response = await context.request.post(`${server.url}${path}`, { data, headers: { origin: server.url } })
  expect(response.status(), await response.text()).toBe(201)
  return response.json()
}

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true })
  await signInByApi(context, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  page = await context.newPage()
  const created = (await post('/api/rounds', {
    name: 'Verksamhetsplan 2027',
    period: '2027',
    branches: [{ name: 'Bredäng', facilitatorEmail: DEMO_USERS.participant.email }, { name: 'Skärholmen' }, { name: 'Västertorp' }],
  })) as { round: { id: string }; centralBoardId: string; branches: { boardId: string; branch: string; inviteUrl: string }[] }
  roundId = created.round.id
  centralBoardId = created.centralBoardId
  for (const branch of created.branches) {
    expect(branch.inviteUrl).toMatch(new RegExp(`^${server.url}/join/[A-Za-z0-9_-]{43}$`))
    boardOf.set(branch.branch, branch.boardId)
  }
  for (const [branch, texts] of Object.entries(IDEAS)) {
    for (const text of texts) await post(`/api/boards/${boardOf.get(branch)}/notes`, { areaId: 'besokare', text })
  }
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.stop()
})

describe('a planning round across branches', () => {
  it('shows each branch’s counts on the overview, and updates them while a branch works', async () => {
    await page.goto(`${server.url}/rounds/${roundId}`)
    const row = (branch: string) =>
      page
        .getByTestId('round-overview')
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: branch }) })
    await expect.poll(() => row('Bredäng').getByRole('cell').first().textContent()).toBe('2')
    expect(await row('Västertorp').getByRole('cell').first().textContent()).toBe('0')
    await post(`/api/boards/${boardOf.get('Västertorp')}/notes`, { areaId: 'ekonomi', text: 'Fler sponsorer till sommarläsningen' })
    // No reload: the page asks again by itself.
    await expect.poll(() => row('Västertorp').getByRole('cell').first().textContent(), { timeout: 12_000 }).toBe('1')
  })

  it('promotes two ideas from the roll-up to the central board, keeping their branch', async () => {
    await page.getByRole('link', { name: 'Sammanställning' }).click()
    await page.waitForURL(/\/roll-up$/)
    const visitors = page.getByRole('region', { name: 'Besökare och verksamhet' })
    await expect.poll(() => visitors.getByRole('heading', { name: /Liknande idéer från 2 filialer/ }).count()).toBe(1)
    for (const text of ['Längre öppettider på kvällarna', 'Sagostund på lördagar']) {
      await visitors.getByRole('button', { name: `Lyft till centrala tavlan: ${text}` }).click()
      await expect.poll(() => page.getByTestId('promoted').getByText(text).count()).toBe(1)
    }
    const central = await storedBoard(server, centralBoardId)
    const copies = central.steps.flatMap((s) => s.areas).find((a) => a.id === 'besokare')!.notes
    expect(copies.map((n) => [n.text, n.origin?.branch]).sort()).toEqual([
      ['Längre öppettider på kvällarna', 'Bredäng'],
      ['Sagostund på lördagar', 'Skärholmen'],
    ])
  })

  it('downloads the round’s CSV with a branch column', async () => {
    await page.goto(`${server.url}/rounds/${roundId}`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hämta omgångens CSV' }).click()])
    const csv = await fs.readFile((await download.path())!, 'utf8')
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0].split(',')[0]).toBe('"Filial"')
    expect(lines).toHaveLength(1 + 4 + 1 + 2)
    expect(lines.filter((l) => l.startsWith('"Bredäng"'))).toHaveLength(2)
    expect(lines.find((l) => l.includes('"Sagostund på lördagar"') && l.startsWith('"Verksamhetsplan 2027"'))).toMatch(/"Skärholmen"$/)
  })

  it('lets a branch’s facilitator into their own board only', async () => {
    const branchLead = await signedInRequest(server.url, DEMO_USERS.participant.email, DEMO_PASSWORD)
    try {
      expect((await branchLead.get(`/api/rounds/${roundId}/overview`)).status()).toBe(403)
      expect((await branchLead.get(`/api/rounds/${roundId}/export.csv`)).status()).toBe(403)
      expect((await branchLead.get(`/api/boards/${boardOf.get('Bredäng')}/invites`)).status()).toBe(200)
      for (const other of [boardOf.get('Skärholmen')!, centralBoardId]) {
        expect((await branchLead.get(`/api/boards/${other}/export.csv`)).status()).toBe(403)
      }
    } finally {
      await branchLead.dispose()
    }
  })
})
