import { describe, expect, it } from 'vitest'
import { toRichText, type TLRichText } from '@tldraw/tlschema'
import { plainNoteText } from './noteTextSvg'

const rich = (content: unknown[]) => ({ type: 'doc', content }) as unknown as TLRichText

describe('which notes an export draws as SVG text', () => {
  it('takes paragraphs of unmarked text and line breaks, one line per paragraph', () => {
    expect(plainNoteText(toRichText('Fler öppettider\n\nen lugn läsplats'))).toBe('Fler öppettider\n\nen lugn läsplats')
    expect(
      plainNoteText(
        rich([
          { type: 'paragraph', content: [{ type: 'text', text: 'Rad ett' }, { type: 'hardBreak' }, { type: 'text', text: 'rad två' }] },
        ]),
      ),
    ).toBe('Rad ett\nrad två')
    expect(plainNoteText(rich([{ type: 'paragraph' }]))).toBe('')
  })

  it('leaves marks, lists, headings and right-to-left script to tldraw', () => {
    expect(plainNoteText(rich([{ type: 'paragraph', content: [{ type: 'text', text: 'Viktigt', marks: [{ type: 'bold' }] }] }]))).toBeNull()
    expect(plainNoteText(rich([{ type: 'bulletList', content: [] }]))).toBeNull()
    expect(plainNoteText(rich([{ type: 'heading', content: [{ type: 'text', text: 'Rubrik' }] }]))).toBeNull()
    expect(plainNoteText(toRichText('مكتبة للجميع'))).toBeNull()
    expect(plainNoteText({} as TLRichText)).toBeNull()
  })
})
