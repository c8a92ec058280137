/**
 * Text contrast on the canvas as people see it: every template shape (step cards, zones, the
 * loop) and a note of every tldraw colour, zoomed in as a person would, with the contrast
 * computed from the screenshot's pixels. WCAG AA asks 4.5:1 for text; axe-core cannot judge
 * canvas text (it reports it as "needs review"), which is how dark grey on the step cards'
 * blue, orange and green went unnoticed.
 */
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { AREAS, STEPS } from '../../lib/planning/planningModel'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInByApi } from '../helpers/browser'
import { importWorkshop } from '../helpers/importWorkshop'
import { textContrast, zoomOnto } from '../helpers/pixels'
import { cameraAtRest } from '../helpers/camera'

const SHOTS = process.env.CONTRAST_SCREENSHOTS_DIR
const NOTE_COLOURS = [
  'black',
  'grey',
  'light-violet',
  'violet',
  'blue',
  'light-blue',
  'yellow',
  'orange',
  'green',
  'light-green',
  'light-red',
  'red',
  'white',
] as const

let server: AppServer
let browser: Browser
let page: Page
let boardId: string

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  await signInByApi(context, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  boardId = await importWorkshop(context.request, server.url, {
    name: 'Kontrast',
    notes: NOTE_COLOURS.map((color, i) => ({ area: AREAS[i % AREAS.length].id, color, text: `Lapp i färgen ${color}` })),
  })
  page = await context.newPage()
  await page.goto(`${server.url}/boards/${boardId}`)
  await page.locator('.area[data-area="ekonomi"]').waitFor()
  await page.locator('.connection[data-state="connected"]').waitFor()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function zoomToFit() {
  await page.keyboard.press('Shift+1')
  await cameraAtRest(page)
}

async function measure(shape: Locator, texts: string[], name: string) {
  await zoomToFit()
  await zoomOnto(page, shape, 560)
  const results: { text: string; ratio: number; colours: string }[] = []
  for (const text of texts) {
    const element = shape.locator(text).first()
    const png = await element.screenshot({ animations: 'disabled' })
    const measured = textContrast(png)
    results.push({ text, ratio: Math.round(measured.ratio * 100) / 100, colours: `${measured.text} on ${measured.background}` })
  }
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `contrast-${name}.png`) })
  return results
}

const failing = (results: { ratio: number }[]) => results.filter((r) => r.ratio < 4.5)

describe('text contrast on the canvas, from pixels', () => {
  it('meets 4.5:1 on every step card, zone and the loop', async () => {
    for (const step of STEPS) {
      const results = await measure(
        page.locator(`.step[data-step="${step.number}"]`),
        ['.step__eyebrow', '.step__title', '.step__summary', '.step__number'],
        `step-${step.number}`,
      )
      expect(failing(results), `step ${step.number}: ${JSON.stringify(results)}`).toEqual([])
    }
    for (const area of AREAS) {
      const results = await measure(
        page.locator(`.area[data-area="${area.id}"]`),
        ['.area__eyebrow', '.area__title', '.area__question', '.area__count', '.area__add'],
        `area-${area.id}`,
      )
      expect(failing(results), `area ${area.id}: ${JSON.stringify(results)}`).toEqual([])
    }
    const loop = await measure(page.locator('.loop'), ['.loop__title', '.loop__summary'], 'loop')
    expect(failing(loop), JSON.stringify(loop)).toEqual([])
  })

  it('keeps the add-idea button inside its zone', async () => {
    await zoomToFit()
    for (const area of AREAS) {
      const zone = (await page.locator(`.area[data-area="${area.id}"]`).boundingBox())!
      const button = (await page.locator(`.area[data-area="${area.id}"] .area__add`).boundingBox())!
      expect(button.x + button.width, area.id).toBeLessThanOrEqual(zone.x + zone.width)
      expect(button.x, area.id).toBeGreaterThanOrEqual(zone.x)
    }
  })

  it('meets 4.5:1 on a note of every colour', async () => {
    for (const colour of NOTE_COLOURS) {
      const note = page
        .locator('.tl-shape[data-shape-type="note"]')
        .filter({ has: page.locator('.tl-rich-text', { hasText: new RegExp(`färgen ${colour}$`) }) })
      const results = await measure(note, ['.tl-rich-text'], `note-${colour}`)
      expect(failing(results), `${colour} note: ${JSON.stringify(results)}`).toEqual([])
    }
  })
})
