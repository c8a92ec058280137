import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sessionMap } from './docLayout'
import { DEFAULT_SESSION, IDLE_TIMER, MAX_PRIVATE_ROOM, privateRoomNow, readSession, timerRemainingMs, writeSession } from './session'

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

  it('reads the room kept for a private round within bounds, and only for the round that runs', () => {
    const doc = new Y.Doc()
    sessionMap(doc).set('privateRoom', { roundId: 'r1', areas: { framtid: 4.7, ekonomi: 1e9, nowhere: 3, personal: -2, lokaler: 'many' } })
    expect(readSession(doc).privateRoom).toEqual({ roundId: 'r1', areas: { framtid: 4, ekonomi: MAX_PRIVATE_ROOM } })
    writeSession(doc, { privateRound: { id: 'r1', active: true, startedAt: 1, revealedAt: null } })
    expect(privateRoomNow(readSession(doc))).toEqual({ framtid: 4, ekonomi: MAX_PRIVATE_ROOM })
    // Revealed, or another round: no room is kept.
    writeSession(doc, { privateRound: { id: 'r1', active: false, startedAt: 1, revealedAt: 2 } })
    expect(privateRoomNow(readSession(doc))).toBeUndefined()
    writeSession(doc, { privateRound: { id: 'r2', active: true, startedAt: 3, revealedAt: null } })
    expect(privateRoomNow(readSession(doc))).toBeUndefined()
    sessionMap(doc).set('privateRoom', ['not', 'a', 'room'])
    expect(readSession(doc).privateRoom).toBeNull()
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
