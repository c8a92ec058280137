/**
 * The picture for the README's "From ideas to plan": 40 ideas in Besökare och verksamhet, two
 * themes (one grouped by hand, one accepted from the suggestions), a commitment made from a
 * theme, and the Plan panel open — in Chromium at 1366×768.
 *
 * Run: `npx tsx scripts/screenshot-plan.ts` (builds the app first when needed) → docs/screenshot-plan.png
 */
import path from 'node:path'
import { openPlanWorkshop, startScreenshotApp } from './lib/screenshotApp'

async function main() {
  const { server, browser, stop } = await startScreenshotApp()
  try {
    const { page } = await openPlanWorkshop(server, browser)
    const note = (text: string) => page.locator('.tl-shape[data-shape-type="note"]').filter({ has: page.getByText(text, { exact: true }) })

    await page.getByRole('button', { name: 'Plan', exact: true }).click()
    const panel = page.getByRole('complementary', { name: 'Från idéer till plan' })
    await note('Fler studieplatser').click()
    for (const text of ['Studieplatser med eluttag', 'Tysta studieplatser för studenter']) await note(text).click({ modifiers: ['Shift'] })
    await panel.getByRole('button', { name: 'Gruppera' }).click()
    await page.waitForTimeout(1500)
    await panel.getByLabel('Område').selectOption('besokare')
    await panel.getByRole('button', { name: 'Föreslå', exact: true }).click()
    const proposal = panel.locator('.proposal').first()
    await proposal.waitFor()
    await proposal.getByRole('button', { name: 'Skapa tema' }).click()
    await page.waitForTimeout(400)
    await page.keyboard.press('Escape')
    await page.locator('.tl-html-container.theme .theme__title').first().click()
    await panel.getByRole('button', { name: 'Gör till åtagande' }).click()
    const dialog = page.getByRole('dialog', { name: 'Gör till åtagande' })
    await dialog.getByLabel('Åtagande').fill('Öppet till 21 på fem filialer')
    await dialog.getByLabel('Ansvarig').fill('Fia Facilitator')
    await dialog.getByLabel('Klart senast / period').fill('2027-06-30')
    await dialog.getByLabel('Indikator: hur vet vi att vi lyckats?').fill('Besök per kvällstimme')
    await dialog.getByRole('button', { name: 'Spara åtagande' }).click()
    // Let the server's layout keeper make room, then frame the area beside the panel.
    await page.waitForTimeout(3000)
    await page.keyboard.press('Escape')
    const zone = page.locator('.area[data-area="besokare"]')
    await page.getByRole('button', { name: 'Visa hela tavlan' }).click()
    await page.waitForTimeout(500)
    for (let i = 0; i < 30; i++) {
      const box = (await zone.boundingBox())!
      if (box.width > 900 || box.height > 600) break
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      await page.keyboard.down('Control')
      await page.mouse.wheel(0, -60)
      await page.keyboard.up('Control')
      await page.waitForTimeout(80)
    }
    const box = (await zone.boundingBox())!
    await page.mouse.move(500, 420)
    await page.mouse.wheel(box.x + box.width / 2 - 500, box.y + box.height / 2 - 440)
    await page.waitForTimeout(800)
    await page.screenshot({ path: path.resolve(import.meta.dirname, '..', 'docs', 'screenshot-plan.png') })
  } finally {
    await stop()
  }
}

await main()
