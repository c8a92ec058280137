import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { statementHtml, statementMarkdown } from './accessibilityStatement'

const file = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/accessibility.md'), 'utf8')
const settings = { organisation: 'Stockholms stadsbibliotek', contact: 'tillganglighet@bibliotek.example.se', phone: '08-508 310 00' }

/**
 * What DIGG says a statement must contain (digg.se, "Så skriver du en tillgänglighetsredogörelse",
 * after MDFFS 2019:2): the body and the service, how far it complies, what is not accessible and
 * why, how it was assessed, the date, how to give feedback, and a link to DIGG's complaints page.
 */
const REQUIRED = {
  sv: {
    bodyAndService: /Stockholms stadsbibliotek står bakom Strategitavlan/,
    compliance: /delvis förenlig/,
    notAccessible: /<h3>Innehåll som inte är tillgängligt<\/h3>/,
    why: /ryms inte i ett rimligt åtgärdsarbete/,
    assessment: /<h2>Hur vi testat tjänsten<\/h2>[\s\S]*egen bedömning/,
    date: /upprättades den \d{1,2} \w+ \d{4} och uppdaterades senast den \d{1,2} \w+ \d{4}/,
    feedback: /<h2>Rapportera brister i tjänstens tillgänglighet<\/h2>[\s\S]*mailto:tillganglighet@bibliotek\.example\.se/,
    phone: /tel:085083100/,
    complaints: /href="https:\/\/www\.digg\.se\/tdosanmalan"/,
  },
  en: {
    bodyAndService: /Stockholms stadsbibliotek is responsible for Strategitavlan/,
    compliance: /partially compliant/,
    notAccessible: /<h3>Content that is not accessible<\/h3>/,
    why: /cannot be fixed\s+within reasonable effort/,
    assessment: /<h2>How we tested the service<\/h2>[\s\S]*own assessment/,
    date: /prepared on \d{1,2} \w+ \d{4} and last updated on \d{1,2} \w+ \d{4}/,
    feedback: /<h2>Reporting accessibility problems<\/h2>[\s\S]*mailto:tillganglighet@bibliotek\.example\.se/,
    phone: /tel:085083100/,
    complaints: /href="https:\/\/www\.digg\.se\/tdosanmalan"/,
  },
} as const

describe('the accessibility statement', () => {
  for (const locale of ['sv', 'en'] as const) {
    it(`has every part DIGG requires, in ${locale === 'sv' ? 'Swedish' : 'English'}`, () => {
      const html = statementHtml(statementMarkdown(file, locale, settings)!)
      for (const [part, pattern] of Object.entries(REQUIRED[locale])) expect(html, part).toMatch(pattern)
      expect(html).not.toMatch(/\{(organisation|contact|phone)\}/)
    })
  }

  it('names no organisation it was not given, and says so in its place', () => {
    const html = statementHtml(statementMarkdown(file, 'sv', { organisation: null, contact: null, phone: null })!)
    expect(html).toMatch(/Organisationen som driver den här installationen står bakom/)
    expect(html).not.toMatch(/tel:/)
  })

  it('escapes what the environment puts in and allows only safe links', () => {
    const html = statementHtml(
      statementMarkdown(file, 'en', { organisation: '<script>alert(1)</script>', contact: 'javascript:alert(1)', phone: null })!,
    )
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;')
    expect(html).not.toMatch(/href="javascript:/)
    expect(statementHtml('[x](javascript:alert)')).toBe('<p><a href="#">x</a></p>')
  })
})
