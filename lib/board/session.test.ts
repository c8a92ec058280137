import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sessionMap } from './docLayout'
import { DEFAULT_SESSION, IDLE_TIMER, readSession, timerRemainingMs, writeSession } from './session'

describe('the facilitation state in the document', () => {
  it('reads the defaults from an empty document', () => {
    expect(readSession(new Y.Doc())).toEqual(DEFAULT_SESSION)
  })

  it('reads back what was written', () => {
    const doc = new Y.Doc()
    writeSession(doc, {
      timer: { state: 'running', durationMs: 60_000, endsAt: 1000, remainingMs: null },
      voting: {
        id: 'r',
        active: true,
        votesPerPerson: 3,
        areas: ['ekonomi'],
        anonymous: true,
        hideTally: false,
        resultsShown: false,
        startedAt: 1,
        endedAt: null,
      },
      lockedAreas: ['uppdrag', 'framtid'],
      showAuthors: false,
    })
    const session = readSession(doc)
    expect(session.timer.endsAt).toBe(1000)
    expect(session.voting?.areas).toEqual(['ekonomi'])
    expect(session.lockedAreas).toEqual(['uppdrag', 'framtid'])
    expect(session.showAuthors).toBe(false)
  })

  it('shrugs off junk any client might have written', () => {
    const doc = new Y.Doc()
    const map = sessionMap(doc)
    map.set('timer', { state: 'exploding', endsAt: 'soon' })
    map.set('voting', { id: 7, votesPerPerson: 1e9 })
    map.set('lockedAreas', ['ekonomi', 'nowhere', 42])
    map.set('summon', 'everyone!')
    map.set('privateRound', null)
    const session = readSession(doc)
    expect(session.timer).toEqual(IDLE_TIMER)
    expect(session.voting).toBeNull()
    expect(session.lockedAreas).toEqual(['ekonomi'])
    expect(session.summon).toBeNull()
    expect(session.privateRound).toBeNull()
  })

  it('clamps a voting round’s votes per person to a sane range', () => {
    const doc = new Y.Doc()
    sessionMap(doc).set('voting', { id: 'r', active: true, votesPerPerson: 1000, areas: [] })
    expect(readSession(doc).voting).toMatchObject({ votesPerPerson: 99, areas: null })
  })

  it('counts down from the end time while running and holds what is left while paused', () => {
    expect(timerRemainingMs({ state: 'running', durationMs: 0, endsAt: 10_000, remainingMs: null }, 4_000)).toBe(6_000)
    expect(timerRemainingMs({ state: 'running', durationMs: 0, endsAt: 10_000, remainingMs: null }, 12_000)).toBe(0)
    expect(timerRemainingMs({ state: 'paused', durationMs: 0, endsAt: null, remainingMs: 3_000 }, 99_999)).toBe(3_000)
    expect(timerRemainingMs(IDLE_TIMER, 5)).toBe(0)
  })
})
