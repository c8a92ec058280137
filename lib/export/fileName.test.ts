import { describe, expect, it } from 'vitest'
import { asciiSlug, contentDisposition, exportFileName } from './fileName'

const AT = Date.UTC(2026, 10, 29, 13, 5)

describe('download file names', () => {
  it('keep the board’s Swedish name and add the date', () => {
    expect(exportFileName('Verksamhetsplan – workshop', AT, 'csv')).toBe('Verksamhetsplan – workshop 2026-11-29.csv')
  })

  it('drop path, quote and control characters', () => {
    expect(exportFileName('../../etc/"passwd"\r\n', AT, 'md')).toBe('.. .. etc passwd 2026-11-29.md')
    expect(exportFileName('   ', AT, 'md')).toBe('Strategitavlan 2026-11-29.md')
  })

  it('fall back to an ASCII slug without diacritics', () => {
    expect(asciiSlug('Åsa öppnar Ändringar!')).toBe('asa-oppnar-andringar')
    expect(asciiSlug('???')).toBe('strategitavlan')
  })

  it('give an attachment header with both names and no raw quote or newline', () => {
    const header = contentDisposition('Plan "ö"\n', AT, 'csv')
    expect(header).toBe(`attachment; filename="plan-o-2026-11-29.csv"; filename*=UTF-8''Plan%20%C3%B6%202026-11-29.csv`)
  })
})
