import { describe, expect, it } from 'vitest'
import { LOCALES } from './locales'
import { MESSAGES, translator, type MessageKey } from './messages'

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the message catalogs', () => {
  it('have every key in every language, none of them empty', () => {
    const keys = Object.keys(MESSAGES.sv)
    for (const locale of LOCALES) {
      expect(Object.keys(MESSAGES[locale]).sort()).toEqual([...keys].sort())
      for (const key of keys) expect(MESSAGES[locale][key as MessageKey].trim(), `${locale} ${key}`).not.toBe('')
    }
  })

  it('use the same placeholders in Swedish and English', () => {
    for (const key of Object.keys(MESSAGES.sv) as MessageKey[]) {
      expect(placeholders(MESSAGES.en[key]), key).toEqual(placeholders(MESSAGES.sv[key]))
    }
  })

  it('fill placeholders and leave unknown ones visible', () => {
    expect(translator('sv')('outline.moved', { area: 'Framtid' })).toBe('Lappen flyttades till Framtid.')
    expect(translator('en')('outline.moved')).toBe('The note was moved to {area}.')
  })
})
