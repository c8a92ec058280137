/**
 * The picture for the README's "Planning rounds across branches": the overview of a round of a
 * central board and six branch boards, five of them with ideas spread over the areas (sent
 * through the notes API as the phone page does), two marked done — in Chromium at 1366×900.
 *
 * Run: `npx tsx scripts/screenshot-rounds.ts` (builds the app first when needed) → docs/screenshot-rounds.png
 */
import path from 'node:path'
import { AREA_IDS } from '../lib/planning/planningModel'
import { IDEA_GROUPS } from '../lib/themes/testing/swedishIdeas'
import { DEMO_PASSWORD, DEMO_USERS } from '../server/seed'
import { signInByApi } from '../tests/helpers/browser'
import { startScreenshotApp } from './lib/screenshotApp'

const BRANCHES = ['Axelsberg', 'Bredäng', 'Hägersten', 'Skärholmen', 'Västertorp', 'Östermalm']

async function main() {
  const { server, browser, stop } = await startScreenshotApp()
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } })
    await signInByApi(context, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
    const api = context.request
    const headers = { origin: server.url }
    const created = (await (
      await api.post(`${server.url}/api/rounds`, {
        headers,
        data: { name: 'Verksamhetsplan 2027', period: '2027', branches: BRANCHES.map((name) => ({ name })) },
      })
    ).json()) as { round: { id: string }; branches: { boardId: string; branch: string }[] }
    const ideas = Object.values(IDEA_GROUPS).flat()
    for (const [b, branch] of created.branches.slice(0, 5).entries()) {
      const count = 8 + b * 5
      for (let n = 0; n < count; n++) {
        const areaId = AREA_IDS[(n * (b + 1) + b) % AREA_IDS.length]
        await api.post(`${server.url}/api/boards/${branch.boardId}/notes`, {
          headers,
          data: { areaId, text: ideas[(n * 3 + b) % ideas.length] },
        })
      }
    }
    for (const branch of created.branches.slice(0, 2)) {
      await api.put(`${server.url}/api/rounds/${created.round.id}/boards/${branch.boardId}/done`, { headers, data: { done: true } })
    }
    const page = await context.newPage()
    await page.goto(`${server.url}/rounds/${created.round.id}`)
    await page.getByTestId('round-areas').waitFor()
    const file = path.join(import.meta.dirname, '..', 'docs', 'screenshot-rounds.png')
    await page.screenshot({ path: file, fullPage: true })
    console.log(`wrote ${file}`)
  } finally {
    await stop()
  }
}

await main()
