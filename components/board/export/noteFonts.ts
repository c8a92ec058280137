/**
 * Fonts of notes' labels for drawing and measuring them outside the DOM: tldraw names them with
 * CSS variables (`var(--tl-font-draw)`), which a canvas cannot read, so they are resolved
 * against the editor's container first.
 */
import type { MeasureText } from './noteLines'

export interface LabelFont {
  /** The canvas `font` for the label. */
  font: string
  measure: MeasureText
  /** The content area (ascent + descent) at this size: the height the DOM gives a character. */
  contentHeight: number
  /** The ascent at this size: the baseline's place in that box. */
  ascent: number
}

/** `var(--x)` (or a plain value) as the container's computed value of it. */
export function resolveCssValue(container: Element, value: string): string {
  const variable = /^var\((--[\w-]+)\)$/.exec(value.trim())
  if (!variable) return value
  return getComputedStyle(container).getPropertyValue(variable[1]).trim() || value
}

let context: CanvasRenderingContext2D | null = null
let contextFont = ''
const fonts = new Map<string, LabelFont>()

/** Widths in the label's font, by one shared canvas that is never drawn on. */
export function labelFont(container: Element, fontSize: number, fontFamily: string): LabelFont {
  const font = `${fontSize}px ${resolveCssValue(container, fontFamily)}`
  const known = fonts.get(font)
  if (known) return known
  context ??= document.createElement('canvas').getContext('2d')
  if (!context) throw new Error('no 2D canvas to measure text with')
  const measuring = context
  const measure: MeasureText = (text) => {
    if (contextFont !== font) measuring.font = contextFont = font
    return measuring.measureText(text).width
  }
  measure('')
  const metrics = measuring.measureText('Hg')
  const made = {
    font,
    measure,
    contentHeight: metrics.fontBoundingBoxAscent + metrics.fontBoundingBoxDescent,
    ascent: metrics.fontBoundingBoxAscent,
  }
  fonts.set(font, made)
  return made
}

/**
 * Waits until the faces of these label fonts are loaded: measured before, the text would be
 * laid out in a fallback font's widths.
 */
export async function loadLabelFonts(container: Element, families: Iterable<string>): Promise<void> {
  await Promise.all([...new Set(families)].map((family) => document.fonts.load(`16px ${resolveCssValue(container, family)}`)))
  // A face that loaded only now makes earlier measures stale.
  fonts.clear()
}
