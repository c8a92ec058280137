/**
 * The picture of *Lista* for the README's "From ideas to plan": 40 ideas in Besökare och
 * verksamhet, three of them grouped into a theme from the list, and a commitment made of the
 * theme there — in Chromium at 1366×768.
 *
 * Run: `npx tsx scripts/screenshot-outline-plan.ts` (builds the app first when needed) → docs/screenshot-outline-plan.png
 */
import path from 'node:path'
import { openPlanWorkshop, startScreenshotApp } from './lib/screenshotApp'

const GROUPED = ['Fler studieplatser', 'Studieplatser med eluttag', 'Tysta studieplatser för studenter']

async function main() {
  const { server, browser, stop } = await startScreenshotApp()
  try {
    const { page } = await openPlanWorkshop(server, browser)
    await page.getByRole('button', { name: 'Lista', exact: true }).click()
    const area = page.locator('[data-outline-area="besokare"]')
    for (const text of GROUPED) await area.getByRole('checkbox', { name: `Välj ”${text}” för att gruppera` }).check()
    await area.getByRole('button', { name: /^Gruppera valda/ }).click()
    await area.getByLabel('Temats namn').fill('Studieplatser')
    await page.keyboard.press('Enter')
    await area.getByRole('button', { name: 'Gör till åtagande: temat ”Studieplatser”' }).click()
    const dialog = page.getByRole('dialog', { name: 'Gör till åtagande' })
    await dialog.getByLabel('Åtagande').fill('Fler studieplatser med eluttag på alla filialer')
    await dialog.getByLabel('Ansvarig').fill('Fia Facilitator')
    await dialog.getByLabel('Klart senast / period').fill('2027-06-30')
    await dialog.getByLabel('Indikator: hur vet vi att vi lyckats?').fill('Antal studieplatser per filial')
    await dialog.getByRole('button', { name: 'Spara åtagande' }).click()
    await page.waitForTimeout(1500)
    // Two more picked, to show the checkboxes and the group button at work.
    for (const text of ['Språkcaféer för nyanlända', 'Språkcafé med volontärer']) {
      await area
        .getByRole('checkbox', { name: new RegExp(`^Välj ”${text}`) })
        .check()
        .catch(() => undefined)
    }
    await area.locator('h3').evaluate((heading) => heading.scrollIntoView({ block: 'start' }))
    await page.evaluate(() => window.scrollBy(0, -8))
    await page.waitForTimeout(300)
    await page.screenshot({ path: path.resolve(import.meta.dirname, '..', 'docs', 'screenshot-outline-plan.png') })
  } finally {
    await stop()
  }
}

await main()
