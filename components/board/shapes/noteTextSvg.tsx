/**
 * A note's text as SVG `<text>` for exports, where the text is plain (paragraphs of unstyled
 * text, as nearly every workshop note is). tldraw draws every note's rich text as HTML in a
 * `foreignObject`, and an export then copies every computed CSS property of every element of
 * every note into the picture: about 8 s of a 1,000-note board's PNG (bench/results.md). Plain
 * text needs none of that: it is laid out once by the browser's own line breaking (the editor's
 * text measurer, the same CSS as the label on the canvas) and drawn as positioned lines. Fonts
 * reach the picture as before: tldraw embeds the faces each note's util names.
 *
 * Rich text with marks, lists, headings or right-to-left script is left to tldraw.
 */
import type { Editor, TLDefaultHorizontalAlignStyle, TLDefaultVerticalAlignStyle, TLRichText } from 'tldraw'
import { SOFT_HYPHEN } from '@/lib/board/hyphenate'

interface RichNode {
  type?: unknown
  text?: unknown
  marks?: unknown
  content?: unknown
}

const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/

/**
 * The text of rich text that is only paragraphs of unmarked text (and line breaks), one line per
 * paragraph; null for anything else.
 */
export function plainNoteText(richText: TLRichText): string | null {
  const doc = richText as unknown as RichNode
  if (doc?.type !== 'doc' || !Array.isArray(doc.content)) return null
  const lines: string[] = []
  for (const block of doc.content as RichNode[]) {
    if (block?.type !== 'paragraph') return null
    let line = ''
    for (const inline of (Array.isArray(block.content) ? block.content : []) as RichNode[]) {
      if (inline?.type === 'hardBreak') line += '\n'
      else if (inline?.type === 'text' && typeof inline.text === 'string' && !(Array.isArray(inline.marks) && inline.marks.length > 0))
        line += inline.text
      else return null
    }
    lines.push(line)
  }
  const text = lines.join('\n')
  return RIGHT_TO_LEFT.test(text) ? null : text
}

export interface NoteTextLayout {
  text: string
  width: number
  height: number
  padding: number
  fontSize: number
  fontFamily: string
  lineHeight: number
  color: string
  align: TLDefaultHorizontalAlignStyle
  verticalAlign: TLDefaultVerticalAlignStyle
}

/**
 * The text laid out as the label lays it out and drawn as one `<text>` of positioned lines. A
 * word broken at a soft hyphen shows the hyphen, as the browser shows it on the canvas.
 */
export function NoteTextSvg({ editor, layout }: { editor: Editor; layout: NoteTextLayout }) {
  const spans = editor.textMeasure.measureTextSpans(layout.text, {
    overflow: 'wrap',
    width: layout.width,
    height: layout.height,
    padding: layout.padding,
    fontSize: layout.fontSize,
    fontFamily: layout.fontFamily,
    fontStyle: 'normal',
    fontWeight: 'normal',
    lineHeight: layout.lineHeight,
    textAlign: layout.align,
  })
  if (spans.length === 0) return null
  const top = Math.min(...spans.map((s) => s.box.y))
  const textHeight = Math.max(...spans.map((s) => s.box.y + s.box.h)) - top
  const offsetY =
    layout.verticalAlign === 'start'
      ? layout.padding
      : layout.verticalAlign === 'end'
        ? layout.height - layout.padding - textHeight
        : (layout.height - textHeight) / 2
  const words = spans.flatMap((span, i) => {
    if (!span.text.trim()) return []
    const next = spans[i + 1]
    const brokenHere = span.text.endsWith(SOFT_HYPHEN) && (!next || next.box.y > span.box.y)
    // A word followed by a space keeps it, so the picture's text reads (and is found) as words.
    const shown = span.text.split(SOFT_HYPHEN).join('') + (brokenHere ? '-' : next && !next.text.trim() ? ' ' : '')
    return [{ text: shown, x: layout.padding + span.box.x, y: offsetY + span.box.y - top + span.box.h / 2 }]
  })
  // One tspan per line, at its first word: the words between are laid out by the same font and
  // spaces the measurer used. A 1,000-note picture then has a fifth of the elements to parse.
  const lines: typeof words = []
  for (const word of words) {
    const line = lines.at(-1)
    if (line && line.y === word.y) line.text += word.text
    else lines.push({ ...word })
  }
  return (
    // Named with the whole text: a screen reader reads the note, not its broken lines.
    <text
      aria-label={layout.text.split(SOFT_HYPHEN).join('')}
      fontSize={layout.fontSize}
      fontFamily={layout.fontFamily}
      fill={layout.color}
      dominantBaseline="central"
    >
      {lines.map((line, i) => (
        <tspan key={i} x={line.x} y={line.y}>
          {line.text}
        </tspan>
      ))}
    </text>
  )
}
