/**
 * A plain note's lines, broken as the label on the canvas breaks them (`white-space: pre-wrap`,
 * `overflow-wrap: break-word`), from text widths alone. The editor's own measurer lays the text
 * out in a hidden element and reads every character's box back: about a millisecond a note, more
 * than a second of a 1,000-note board's export (bench/results.md). A canvas's `measureText` gives
 * the same widths from the same font without a layout.
 *
 * The breaking rules are the browser's for this text: a line breaks after a run of spaces (the
 * spaces stay, hanging, at the end of the line), at a soft hyphen (then showing a hyphen) and
 * after a hyphen between letters; a word wider than the line on its own breaks between
 * characters. Paragraphs are lines of their own, an empty one too.
 */
import type { TLDefaultHorizontalAlignStyle, TLDefaultVerticalAlignStyle } from 'tldraw'
import { SOFT_HYPHEN } from '@/lib/board/hyphenate'

/** The width of a line's text, in the label's font. */
export type MeasureText = (text: string) => number

export interface NoteLinesOptions {
  /** The label's box (the note's size) and the padding inside it. */
  width: number
  height: number
  padding: number
  fontSize: number
  lineHeight: number
  /** The font's content area (ascent + descent) at this size: the height of a character's box. */
  contentHeight: number
  /** The font's ascent at this size: where in that box the baseline lies. */
  ascent: number
  align: TLDefaultHorizontalAlignStyle
  verticalAlign: TLDefaultVerticalAlignStyle
}

/**
 * A line as drawn: its text from `x`, its baseline at `y` (the alphabetic baseline, SVG's and
 * canvas's default), where the label's line box puts it.
 */
export interface NoteLine {
  text: string
  x: number
  y: number
}

/** Text up to and including each place a line may break, in order. */
function breakUnits(paragraph: string): string[] {
  return paragraph.match(/\s+|[^\s\u00AD]*?(?:\u00AD|(?<=\p{L})-(?=\p{L})|(?=\s)|$)/gu)?.filter((unit) => unit !== '') ?? []
}

/** How a line reads: soft hyphens gone, except one it breaks at, which shows as a hyphen. */
const shown = (line: string) =>
  line.endsWith(SOFT_HYPHEN) ? line.slice(0, -1).split(SOFT_HYPHEN).join('') + '-' : line.split(SOFT_HYPHEN).join('')

/** The lines of one paragraph, greedily filled to `maxWidth` as the browser fills them. */
function paragraphLines(paragraph: string, maxWidth: number, measure: MeasureText): string[] {
  const lines: string[] = []
  let line = ''
  const fits = (text: string) => measure(shown(text).trimEnd()) <= maxWidth
  for (const unit of breakUnits(paragraph)) {
    // Spaces hang at the end of a line: they never push it to break.
    if (/^\s/.test(unit) || fits(line + unit)) {
      line += unit
      continue
    }
    if (line.trim() !== '') {
      lines.push(line)
      line = ''
    }
    if (fits(unit)) {
      line = unit
      continue
    }
    // Wider than a line on its own (`overflow-wrap: break-word`): as many characters as fit.
    let rest = unit
    while (rest !== '' && !fits(rest)) {
      const chars = [...rest]
      let take = 1
      while (take < chars.length && fits(chars.slice(0, take + 1).join(''))) take++
      lines.push(chars.slice(0, take).join(''))
      rest = chars.slice(take).join('')
    }
    line = rest
  }
  lines.push(line)
  return lines
}

/** The note's text as positioned lines (empty for empty text), as the label on the canvas shows it. */
export function layoutNoteLines(text: string, measure: MeasureText, options: NoteLinesOptions): NoteLine[] {
  if (text === '') return []
  const maxWidth = Math.ceil(options.width - options.padding * 2)
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .flatMap((paragraph) => paragraphLines(paragraph, maxWidth, measure))
    .map(shown)
  const lineHeight = options.fontSize * options.lineHeight
  const textHeight = (lines.length - 1) * lineHeight + options.contentHeight
  const top =
    options.verticalAlign === 'start'
      ? options.padding
      : options.verticalAlign === 'end'
        ? options.height - options.padding - textHeight
        : (options.height - textHeight) / 2
  return lines.flatMap((line, i) => {
    if (line.trim() === '') return []
    const lineWidth = measure(line.trimEnd())
    const free = maxWidth - lineWidth
    const align = options.align.replace('-legacy', '')
    const x = options.padding + (align === 'middle' ? free / 2 : align === 'end' ? free : 0)
    return [{ text: line.trimEnd(), x, y: top + i * lineHeight + options.ascent }]
  })
}
