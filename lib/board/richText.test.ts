import { describe, expect, it } from 'vitest'
import { hasText, plainTextFromRichText, richTextFromPlainText } from './richText'

const text = (value: string) => ({ type: 'text', text: value })
const paragraph = (...content: object[]) => ({ type: 'paragraph', content })
const listItem = (...content: object[]) => ({ type: 'listItem', content })
const bulletList = (...items: object[]) => ({ type: 'bulletList', content: items })
const doc = (...content: object[]) => ({ type: 'doc', content })

describe('plainTextFromRichText', () => {
  it('puts each paragraph on a line of its own', () => {
    expect(plainTextFromRichText(doc(paragraph(text('Ett')), paragraph(text('Två'))))).toBe('Ett\nTvå')
  })

  it('joins the text runs of one paragraph', () => {
    expect(plainTextFromRichText(doc(paragraph(text('Fler '), text('besökare'))))).toBe('Fler besökare')
  })

  it('turns a hard break into a newline', () => {
    expect(plainTextFromRichText(doc(paragraph(text('Rad ett'), { type: 'hardBreak' }, text('Rad två'))))).toBe('Rad ett\nRad två')
  })

  it('keeps an empty paragraph between two others as a blank line', () => {
    expect(plainTextFromRichText(doc(paragraph(text('Ett')), { type: 'paragraph' }, paragraph(text('Tre'))))).toBe('Ett\n\nTre')
  })

  it('puts each item of a list, nested or not, on a line of its own', () => {
    const list = bulletList(
      listItem(paragraph(text('Barn')), bulletList(listItem(paragraph(text('0–2 år'))), listItem(paragraph(text('Unga'))))),
      listItem(paragraph(text('Äldre'))),
    )
    expect(plainTextFromRichText(doc(paragraph(text('Målgrupper')), list))).toBe('Målgrupper\nBarn\n0–2 år\nUnga\nÄldre')
  })

  it('gives an empty string for empty or missing rich text', () => {
    expect(plainTextFromRichText(doc())).toBe('')
    expect(plainTextFromRichText(doc({ type: 'paragraph' }))).toBe('')
    expect(plainTextFromRichText(undefined)).toBe('')
    expect(plainTextFromRichText(null)).toBe('')
  })

  it('ignores junk it does not understand', () => {
    const junk = { type: 'doc', content: [42, null, 'text', { type: 'text', text: 7 }, paragraph(text('Kvar'))] }
    expect(plainTextFromRichText(junk)).toBe('Kvar')
    expect(plainTextFromRichText('just a string')).toBe('')
  })

  it('survives hostile, very deeply nested input', () => {
    let node: object = text('djupt')
    for (let i = 0; i < 100_000; i++) node = { type: 'paragraph', content: [node] }
    expect(() => plainTextFromRichText(node)).not.toThrow()
    expect(typeof plainTextFromRichText(node)).toBe('string')
  })

  it('reads back what richTextFromPlainText wrote', () => {
    const original = 'Första raden\n\nTredje raden'
    expect(plainTextFromRichText(richTextFromPlainText(original))).toBe(original)
  })
})

describe('hasText', () => {
  it('tells a note with words from an empty or blank one', () => {
    expect(hasText(richTextFromPlainText('En idé'))).toBe(true)
    expect(hasText(richTextFromPlainText(''))).toBe(false)
    expect(hasText(richTextFromPlainText('   \n  '))).toBe(false)
  })
})
