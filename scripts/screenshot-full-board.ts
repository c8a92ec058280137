/**
 * Pictures of a full workshop board for the docs: 503 notes (60 to 86 in an area, one of
 * 1,200 characters) imported as a backup into a fresh app server, opened in Chromium at 1366×768.
 *
 * - docs/screenshot-full-board.png: the whole board at *Visa hela tavlan*.
 * - docs/screenshot-busy-area.png: Ekonomiska resurser (60 notes and the long one) zoomed to fill the screen.
 *
 * Run: `npx tsx scripts/screenshot-full-board.ts` (builds the app first when needed).
 */
import path from 'node:path'
import { AREAS, type AreaId } from '../lib/planning/planningModel'
import type { TemplateNote } from '../lib/board/template'
import { DEMO_PASSWORD, DEMO_USERS } from '../server/seed'
import { signInThroughForm } from '../tests/helpers/browser'
import { startScreenshotApp } from './lib/screenshotApp'
import { importWorkshop } from '../tests/helpers/importWorkshop'

const IDEAS = [
  'Fler språkcaféer på filialerna',
  'Öppna biblioteket tidigare på lördagar',
  'Låna ut verktyg och symaskiner',
  'Samarbeta med skolorna om läsfrämjande',
  'Digital handledning för äldre',
  'Sommarläsning med författarbesök',
  'Tysta rum för studier i tentatider',
  'Barnvagnsparkering vid entrén',
  'Meröppet på kvällar i förorten',
  'Bokcirklar på lätt svenska',
]
const LONG = 'Vi vill att biblioteket blir stadens självklara mötesplats för alla åldrar. '.repeat(16)

function workshop(): TemplateNote[] {
  const counts: Record<AreaId, number> = {
    uppdrag: 58,
    framtid: 59,
    besokare: 60,
    relationer: 62,
    ekonomi: 60,
    personal: 58,
    organisation: 60,
    motesplatser: 86,
  }
  const notes: TemplateNote[] = []
  for (const area of AREAS) {
    for (let i = 0; i < counts[area.id]; i++) {
      const text = area.id === 'ekonomi' && i === 7 ? LONG.slice(0, 1200) : `${IDEAS[(i + area.id.length) % IDEAS.length]} (${i + 1})`
      notes.push({ area: area.id, text })
    }
  }
  return notes
}

async function main() {
  const { server, browser, stop } = await startScreenshotApp()
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    const page = await context.newPage()
    await signInThroughForm(page, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
    const notes = workshop()
    const boardId = await importWorkshop(page.request, server.url, { name: 'Verksamhetsplan 2027 – workshop', notes })
    await page.goto(`${server.url}/boards/${boardId}`)
    await page.locator('.area[data-area="ekonomi"]').waitFor()
    await page.locator('.connection[data-state="connected"]').waitFor()
    await page.getByRole('button', { name: 'Visa hela tavlan' }).click()
    await page.waitForTimeout(2500)
    const docs = path.resolve(import.meta.dirname, '..', 'docs')
    await page.screenshot({ path: path.join(docs, 'screenshot-full-board.png') })
    const zoom = (await page.getByTestId('minimap.zoom-menu-button').textContent())?.trim()
    console.log(`${notes.length} notes; Visa hela tavlan shows the board at ${zoom}`)

    // Zoom onto the busiest area until it fills the screen's width.
    const zone = page.locator('.area[data-area="ekonomi"]')
    for (let i = 0; i < 40; i++) {
      const box = (await zone.boundingBox())!
      if (box.width > 1150 || box.height > 640) break
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      await page.keyboard.down('Control')
      await page.mouse.wheel(0, -60)
      await page.keyboard.up('Control')
      await page.waitForTimeout(80)
    }
    const box = (await zone.boundingBox())!
    await page.mouse.move(683, 400)
    await page.mouse.wheel(box.x + box.width / 2 - 683, box.y + box.height / 2 - 420)
    await page.waitForTimeout(800)
    await page.screenshot({ path: path.join(docs, 'screenshot-busy-area.png') })
    console.log(`busiest area at ${(await page.getByTestId('minimap.zoom-menu-button').textContent())?.trim()}`)
  } finally {
    await stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
