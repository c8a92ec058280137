import { describe, expect, it } from 'vitest'
import { suggestThemes } from './suggestThemes'
import { normalizeText, tokenize } from './tokenize'
import { ideaFixture, IDEA_GROUPS } from './testing/swedishIdeas'

const fixture = ideaFixture()
const groupOf = new Map(fixture.map((idea) => [idea.id, idea.group]))

/** The share of a proposal's notes that belong to its most common group. */
function purity(noteIds: string[]): { group: string; share: number } {
  const counts = new Map<string, number>()
  for (const id of noteIds) counts.set(groupOf.get(id)!, (counts.get(groupOf.get(id)!) ?? 0) + 1)
  const [group, count] = [...counts].sort((a, b) => b[1] - a[1])[0]
  return { group, share: count / noteIds.length }
}

/** A seeded shuffle, so the order-independence test is itself repeatable. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items]
  let state = seed
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    const j = state % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

describe('tokenize', () => {
  it('normalises, drops stop words and stems Swedish word forms to one stem', () => {
    expect(normalizeText('Längre ÖPPETTIDER, även helger!')).toBe('längre öppettider även helger')
    const stems = (text: string) => tokenize(text, 'sv').map((t) => t.stem)
    expect(stems('Fler studieplatser')).toEqual(stems('studieplatserna'))
    expect(stems('Språkcaféer för och med nyanlända')).toEqual(['språkcafé', 'nyanländ'])
  })

  it('stems English with the English stemmer', () => {
    expect(tokenize('longer opening hours', 'en').map((t) => t.stem)).toEqual(['longer', 'open', 'hour'])
  })
})

describe('suggestThemes', () => {
  const proposals = suggestThemes(fixture, { locale: 'sv' })

  it('puts phrasings of one idea together and different ideas apart', () => {
    for (const proposal of proposals) {
      expect(purity(proposal.noteIds).share, proposal.title).toBeGreaterThanOrEqual(0.8)
    }
    // Every known idea is found: most of its phrasings land in one proposal that it dominates.
    for (const [group, texts] of Object.entries(IDEA_GROUPS)) {
      const best = Math.max(
        0,
        ...proposals
          .filter((p) => purity(p.noteIds).group === group)
          .map((p) => p.noteIds.filter((id) => groupOf.get(id) === group).length),
      )
      expect(best / texts.length, group).toBeGreaterThanOrEqual(0.6)
    }
  })

  it('names a proposal after the words its notes share', () => {
    const titles = proposals.map((p) => p.title.toLowerCase())
    expect(titles.some((t) => t.includes('språkcafé'))).toBe(true)
    expect(titles.some((t) => t.includes('sagostund'))).toBe(true)
  })

  it('gives the same proposals for the same notes in any order', () => {
    expect(suggestThemes(shuffled(fixture, 7), { locale: 'sv' })).toEqual(proposals)
    expect(suggestThemes(shuffled(fixture, 99), { locale: 'sv' })).toEqual(proposals)
  })

  it('proposes nothing for notes that share no words', () => {
    expect(
      suggestThemes(
        [
          { id: 'a', text: 'Kaffe' },
          { id: 'b', text: 'Parkering' },
        ],
        { locale: 'sv' },
      ),
    ).toEqual([])
    expect(suggestThemes([], { locale: 'sv' })).toEqual([])
  })

  it('clusters 300 notes of an area in under a second', () => {
    const many = Array.from({ length: 300 }, (_, i) => {
      const idea = fixture[i % fixture.length]
      return { id: `shape:n${String(i).padStart(3, '0')}`, text: `${idea.text} ${['nu', 'snart', 'gärna', 'alltid', 'tack'][i % 5]} ${i}` }
    })
    const started = performance.now()
    const result = suggestThemes(many, { locale: 'sv' })
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(1000)
    expect(result.length).toBeGreaterThanOrEqual(6)
  })
})
