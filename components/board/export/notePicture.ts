/**
 * A plain note drawn straight onto a canvas, part for part as its SVG draws it
 * (`TaggedNoteShapeUtil.toSvg`): the flat shadow, the paper, the text's lines and the writer's
 * name. A whole-board PNG of 1,000 notes then needs no SVG of them, and Chromium no parse and
 * layout of one (bench/results.md).
 */
import type { NoteTextLayout } from '../shapes/noteTextSvg'
import { labelFont, resolveCssValue } from './noteFonts'
import { layoutNoteLines } from './noteLines'

export interface NotePicture {
  width: number
  height: number
  fill: string
  /** Drawn in light mode: a flat offset rectangle, as the note's SVG draws it. */
  shadow: boolean
  text: NoteTextLayout | null
  attribution: {
    text: string
    x: number
    y: number
    anchor: 'start' | 'middle' | 'end'
    fontFamily: string
    fontSize: number
    fill: string
    opacity: number
  } | null
}

const CANVAS_ALIGN = { start: 'left', middle: 'center', end: 'right' } as const

/**
 * Draws the note in its own units: the caller sets the context's transform to the note's place
 * in the picture and its alpha to the note's opacity.
 */
export function paintNote(context: CanvasRenderingContext2D, container: Element, note: NotePicture): void {
  const color = (value: string) => resolveCssValue(container, value)
  const opacity = context.globalAlpha
  if (note.shadow) {
    context.globalAlpha = opacity * 0.12
    context.fillStyle = '#000'
    context.beginPath()
    context.roundRect(0, 2, note.width, note.height, 1)
    context.fill()
    context.globalAlpha = opacity
  }
  context.fillStyle = color(note.fill)
  context.beginPath()
  context.roundRect(0, 0, note.width, note.height, 1)
  context.fill()
  if (note.text) {
    const font = labelFont(container, note.text.fontSize, note.text.fontFamily)
    const lines = layoutNoteLines(note.text.text, font.measure, { ...note.text, contentHeight: font.contentHeight, ascent: font.ascent })
    context.font = font.font
    context.fillStyle = color(note.text.color)
    context.textAlign = 'left'
    context.textBaseline = 'alphabetic'
    for (const line of lines) context.fillText(line.text, line.x, line.y)
  }
  if (note.attribution) {
    const name = note.attribution
    context.globalAlpha = opacity * name.opacity
    context.font = `${name.fontSize}px ${resolveCssValue(container, name.fontFamily)}`
    context.fillStyle = color(name.fill)
    context.textAlign = CANVAS_ALIGN[name.anchor]
    context.textBaseline = 'alphabetic'
    context.fillText(name.text, name.x, name.y)
    context.globalAlpha = opacity
  }
}
