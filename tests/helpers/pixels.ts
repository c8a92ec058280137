/**
 * What people see, measured from the rendered page: text contrast computed from a
 * screenshot's pixels (axe-core leaves canvas text as "needs review"), and zooming the canvas
 * onto a shape the way a person does (ctrl + wheel over it).
 */
import { PNG } from 'pngjs'
import type { Locator, Page } from 'playwright-core'
import { cameraAtRest } from './camera'

type Rgb = [number, number, number]

function luminance([r, g, b]: Rgb): number {
  const linear = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

export interface MeasuredContrast {
  ratio: number
  background: string
  text: string
}

const hex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`

/**
 * Contrast of the text inside a screenshot: the background is the most common colour, the
 * text the pixel that differs from it most (the core of a glyph, past its anti-aliased edge).
 * Render text at 12 device px or more so glyph cores are solid.
 */
export function textContrast(png: Buffer): MeasuredContrast {
  const image = PNG.sync.read(png)
  const counts = new Map<number, number>()
  const { data } = image
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const bgKey = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0]
  const background: Rgb = [(bgKey >> 16) & 255, (bgKey >> 8) & 255, bgKey & 255]
  let best: Rgb = background
  let ratio = 1
  for (const key of counts.keys()) {
    const colour: Rgb = [(key >> 16) & 255, (key >> 8) & 255, key & 255]
    const r = contrastRatio(colour, background)
    if (r > ratio) {
      ratio = r
      best = colour
    }
  }
  return { ratio, background: hex(background), text: hex(best) }
}

/**
 * Brings the element to the middle of the canvas (wheel pans) and zooms in (ctrl + wheel over
 * it) until it is at least `width` px wide, as a person with a mouse would.
 */
export async function zoomOnto(page: Page, target: Locator, width: number): Promise<void> {
  const canvas = (await page.locator('.tl-container').boundingBox())!
  const middle = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 }
  for (let step = 0; step < 60; step++) {
    const box = await target.boundingBox()
    if (!box) throw new Error('element not on screen')
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
    const off = { x: centre.x - middle.x, y: centre.y - middle.y }
    if (Math.abs(off.x) > 8 || Math.abs(off.y) > 8) {
      await page.mouse.move(middle.x, middle.y)
      await page.mouse.wheel(off.x, off.y)
    } else if (box.width >= width) {
      return
    } else {
      await page.mouse.move(centre.x, centre.y)
      await page.keyboard.down('Control')
      await page.mouse.wheel(0, -120)
      await page.keyboard.up('Control')
    }
    await cameraAtRest(page)
  }
  throw new Error(`could not zoom the element to ${width} px`)
}
