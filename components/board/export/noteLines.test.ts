import { describe, expect, it } from 'vitest'
import { layoutNoteLines, type NoteLinesOptions } from './noteLines'

// Every character 10 px wide: a line of 100 px holds 10 of them.
const measure = (text: string) => [...text].length * 10
const options: NoteLinesOptions = {
  width: 120,
  height: 200,
  padding: 10,
  fontSize: 20,
  lineHeight: 1.5,
  contentHeight: 24,
  ascent: 18,
  align: 'start',
  verticalAlign: 'start',
}
const lines = (text: string, more: Partial<NoteLinesOptions> = {}) =>
  layoutNoteLines(text, measure, { ...options, ...more }).map((l) => l.text)

describe("a plain note's lines as the label breaks them", () => {
  it('fills each line with the words that fit and breaks after spaces', () => {
    expect(lines('fler öppettider på helgerna')).toEqual(['fler', 'öppettider', 'på', 'helgerna'])
    expect(lines('en lugn läsplats')).toEqual(['en lugn', 'läsplats'])
    // Trailing spaces hang: a line is as wide as its last word, however many spaces follow it.
    expect(lines('abcdefghij     klm')).toEqual(['abcdefghij', 'klm'])
  })

  it('keeps paragraphs apart, an empty one as a line of its own', () => {
    const placed = layoutNoteLines('ett\n\ntvå', measure, options)
    expect(placed.map((l) => l.text)).toEqual(['ett', 'två'])
    // The empty paragraph still takes its line's height.
    expect(placed[1].y - placed[0].y).toBe(2 * 30)
  })

  it('breaks a long word at a soft hyphen, showing a hyphen, and after a hyphen between letters', () => {
    expect(lines('biblio\u00ADteks\u00ADplan')).toEqual(['biblio-', 'teksplan'])
    expect(lines('e-post-adresser')).toEqual(['e-post-', 'adresser'])
    // A soft hyphen where the word does not break is not drawn.
    expect(lines('a\u00ADb')).toEqual(['ab'])
  })

  it('breaks a word wider than the line between characters', () => {
    expect(lines('abcdefghijklmnopqrstuvwxy')).toEqual(['abcdefghij', 'klmnopqrst', 'uvwxy'])
  })

  it('places lines by alignment and centres the text block in the note', () => {
    const [line] = layoutNoteLines('abc', measure, { ...options, align: 'middle', verticalAlign: 'middle' })
    // 100 px of line, 30 px of text: 35 px free on each side, after the 10 px padding.
    expect(line.x).toBe(10 + 35)
    // One line: the block is the character box (24 px), centred in 200 px; the baseline 18 px
    // into it.
    expect(line.y).toBe(100 - 12 + 18)
    expect(layoutNoteLines('abc', measure, { ...options, align: 'end' })[0].x).toBe(10 + 70)
    expect(layoutNoteLines('abc', measure, { ...options, align: 'start-legacy' })[0].x).toBe(10)
    expect(layoutNoteLines('', measure, options)).toEqual([])
  })
})
