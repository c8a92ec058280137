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

  it('are one translator per language, made once (every shape asks for one at every render)', () => {
    expect(translator('sv')).toBe(translator('sv'))
    expect(translator('en')).toBe(translator('en'))
    expect(translator('sv')).not.toBe(translator('en'))
  })
})

describe('plural forms', () => {
  it('take the "one" variant for 1 and the plain message otherwise, in both languages', () => {
    expect(translator('sv')('voting.votes', { count: 1 })).toBe('1 röst')
    expect(translator('sv')('voting.votes', { count: 0 })).toBe('0 röster')
    expect(translator('sv')('voting.votes', { count: 2 })).toBe('2 röster')
    expect(translator('en')('voting.votes', { count: 1 })).toBe('1 vote')
    expect(translator('en')('voting.votes', { count: 5 })).toBe('5 votes')
    expect(translator('sv')('board.noteCount', { count: 1 })).toBe('1 lapp')
    expect(translator('en')('voting.remaining', { count: 1 })).toBe('1 vote left')
  })

  it('fall back to the plain message for a count given as text', () => {
    expect(translator('sv')('voting.votes', { count: '1' })).toBe('1 röster')
  })
})
