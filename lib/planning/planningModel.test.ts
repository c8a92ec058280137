import { describe, expect, it } from 'vitest'
import { LOCALES } from '../i18n/locales'
import { AREAS, CONTINUOUS_IMPROVEMENT, STARTER_NOTES, STARTER_NOTES_TITLE, STEPS, type Localized } from './planningModel'

function texts(): [string, Localized][] {
  return [
    ...STEPS.flatMap(
      (s) =>
        [
          [`step ${s.number} title`, s.title],
          [`step ${s.number} summary`, s.summary],
          ...s.questions.map((q, i): [string, Localized] => [`step ${s.number} question ${i + 1}`, q]),
        ] as [string, Localized][],
    ),
    ...AREAS.flatMap(
      (a) =>
        [
          [`${a.id} title`, a.title],
          [`${a.id} question`, a.question],
        ] as [string, Localized][],
    ),
    ['loop title', CONTINUOUS_IMPROVEMENT.title],
    ['loop summary', CONTINUOUS_IMPROVEMENT.summary],
    ['starter notes title', STARTER_NOTES_TITLE],
    ...STARTER_NOTES.map((n, i): [string, Localized] => [`starter note ${i + 1}`, n.text]),
  ]
}

describe('the planning model', () => {
  it('has every text in Swedish and English', () => {
    const all = texts()
    expect(all.length).toBeGreaterThan(30)
    for (const [name, text] of all) {
      for (const locale of LOCALES) expect(text[locale]?.trim(), `${name} (${locale})`).toBeTruthy()
    }
  })

  it('names each area differently in each language', () => {
    for (const locale of LOCALES) expect(new Set(AREAS.map((a) => a.title[locale])).size).toBe(AREAS.length)
  })
})
