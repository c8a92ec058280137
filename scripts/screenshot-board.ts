/**
 * The picture of the demo board for the docs: the participant's screen at *Visa hela tavlan*,
 * after the facilitator added an idea to Ekonomiska resurser — in Chromium at 1366×768.
 *
 * Run: `npx tsx scripts/screenshot-board.ts` (builds the app first when needed) → docs/screenshot-board.png
 */
import path from 'node:path'
import { DEMO_PASSWORD, DEMO_USERS } from '../server/seed'
import { signInThroughForm } from '../tests/helpers/browser'
import { startScreenshotApp } from './lib/screenshotApp'

const IDEA = 'Sök EU-medel för meröppna filialer'

async function main() {
  const { server, browser, stop } = await startScreenshotApp()
  try {
    const open = async (email: string) => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
      const page = await context.newPage()
      await signInThroughForm(page, server.url, email, DEMO_PASSWORD)
      await page.getByRole('link', { name: /Verksamhetsplan/ }).click()
      await page.waitForURL(/\/boards\//)
      await page.locator('.connection[data-state="connected"]').waitFor()
      return page
    }
    const facilitator = await open(DEMO_USERS.facilitator.email)
    const participant = await open(DEMO_USERS.participant.email)
    await facilitator.getByRole('button', { name: 'Lägg till idé i Ekonomiska resurser' }).click()
    await facilitator.keyboard.type(IDEA)
    await facilitator.keyboard.press('Escape')
    await participant.locator('.tl-shape[data-shape-type="note"]', { hasText: IDEA }).waitFor({ timeout: 15_000 })

    await participant.getByRole('button', { name: 'Visa hela tavlan' }).click()
    await participant.waitForTimeout(800)
    const file = path.resolve(import.meta.dirname, '../docs/screenshot-board.png')
    await participant.screenshot({ path: file })
    console.log(`wrote ${file}`)
  } finally {
    await stop()
  }
}

await main()
