import { describe, expect, it } from 'vitest'
import { toRichText } from '@tldraw/tlschema'
import { plainTextFromRichText } from './richText'
import { hyphenateRichText, hyphenateText, SOFT_HYPHEN, withoutSoftHyphens } from './hyphenate'

const shown = (text: string) => text.split(SOFT_HYPHEN).join('|')

describe('soft hyphens in long words', () => {
  it('breaks Swedish compounds at syllables and leaves short words whole', () => {
    expect(shown(hyphenateText('Kompetensutvecklingsinsatser'))).toBe('Kom|pe|tens|ut|veck|lingsin|sat|ser')
    expect(shown(hyphenateText('Folkbiblioteksverksamhet för barn'))).toBe('Folk|bib|li|o|teks|verk|sam|het för barn')
    expect(hyphenateText('Mer tid för barn och unga')).toBe('Mer tid för barn och unga')
  })

  it('leaves web and e-mail addresses whole, and text that already has soft hyphens', () => {
    expect(hyphenateText('Se https://bibliotek.example.se/verksamhetsplanering')).toBe(
      'Se https://bibliotek.example.se/verksamhetsplanering',
    )
    expect(hyphenateText('skriv till verksamhetsplanering@kommun.example')).toBe('skriv till verksamhetsplanering@kommun.example')
    const once = hyphenateText('Verksamhetsplanering')
    expect(hyphenateText(once)).toBe(once)
  })

  it('changes only the text of rich text, keeps its shape, and the same object when nothing changes', () => {
    const rich = toRichText('Kort\nDigitaliseringsstrategi för alla')
    const result = hyphenateRichText(rich)
    expect(plainTextFromRichText(result)).toBe(
      plainTextFromRichText(rich).replace('Digitaliseringsstrategi', hyphenateText('Digitaliseringsstrategi')),
    )
    expect(plainTextFromRichText(result)).toContain(SOFT_HYPHEN)
    expect(hyphenateRichText(rich)).toBe(result)
    const short = toRichText('Kort text')
    expect(hyphenateRichText(short)).toBe(short)
  })

  it('strips every soft hyphen again, to the exact text', () => {
    const rich = toRichText('Kompetensutvecklingsinsatser\nför folkbibliotekspersonal')
    expect(withoutSoftHyphens(hyphenateRichText(rich))).toEqual(rich)
    expect(withoutSoftHyphens(rich)).toBe(rich)
  })
})
