/**
 * A note's text as SVG `<text>` for exports, where the text is plain (paragraphs of unstyled
 * text, as nearly every workshop note is). tldraw draws every note's rich text as HTML in a
 * `foreignObject`, and an export then copies every computed CSS property of every element of
 * every note into the picture: about 8 s of a 1,000-note board's PNG (bench/results.md). Plain
 * text needs none of that: its lines are broken as the label's CSS breaks them, from the font's
 * widths (export/noteLines.ts), and drawn as positioned lines. Fonts
 * reach the picture as before: tldraw embeds the faces each note's util names.
 *
 * Rich text with marks, lists, headings or right-to-left script is left to tldraw.
 */
import type { Editor, TLDefaultHorizontalAlignStyle, TLDefaultVerticalAlignStyle, TLRichText } from 'tldraw'
import { SOFT_HYPHEN } from '@/lib/board/hyphenate'
import { layoutNoteLines, type NoteLine } from '../export/noteLines'
import { labelFont } from '../export/noteFonts'

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

/** The text's lines as the label on the canvas breaks them (export/noteLines.ts). */
export function noteTextLines(editor: Editor, layout: NoteTextLayout): NoteLine[] {
  const font = labelFont(editor.getContainer(), layout.fontSize, layout.fontFamily)
  return layoutNoteLines(layout.text, font.measure, { ...layout, contentHeight: font.contentHeight, ascent: font.ascent })
}

/**
 * The text laid out as the label lays it out and drawn as one `<text>` of positioned lines. A
 * word broken at a soft hyphen shows the hyphen, as the browser shows it on the canvas.
 */
export function NoteTextSvg({ editor, layout }: { editor: Editor; layout: NoteTextLayout }) {
  const lines = noteTextLines(editor, layout)
  if (lines.length === 0) return null
  return (
    // Named with the whole text: a screen reader reads the note, not its broken lines.
    <text
      aria-label={layout.text.split(SOFT_HYPHEN).join('')}
      fontSize={layout.fontSize}
      fontFamily={layout.fontFamily}
      fill={layout.color}
    >
      {lines.map((line, i) => (
        <tspan key={i} x={line.x} y={line.y}>
          {line.text}
        </tspan>
      ))}
    </text>
  )
}
