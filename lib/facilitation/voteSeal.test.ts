import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { votesMap } from '../board/docLayout'
import type { VotingRound } from '../board/session'
import { castVote, tallyVotes, unsealVotes, votesOf } from '../board/votes'
import { buildNoteRecord, putNotes } from '../board/noteRecord'
import { noteMeta } from '../board/noteMeta'
import { voteSealFor } from './voteSeal'

const SECRET = 'a-secret-of-at-least-thirty-two-characters'
const round: VotingRound = {
  id: 'r1',
  active: true,
  votesPerPerson: 3,
  areas: null,
  anonymous: true,
  hideTally: true,
  resultsShown: false,
  startedAt: 0,
  endedAt: null,
}

function boardWithNotes() {
  const doc = new Y.Doc()
  doc.transact(() =>
    putNotes(doc, [
      buildNoteRecord({ id: 'shape:a' as never, x: 0, y: 0, text: 'A', meta: noteMeta({ areaId: 'ekonomi', createdAt: 1 }) }),
      buildNoteRecord({ id: 'shape:b' as never, x: 0, y: 0, text: 'B', meta: noteMeta({ areaId: 'ekonomi', createdAt: 1 }) }),
    ]),
  )
  return doc
}

describe('votes of a round that hides its tally', () => {
  it('leave no note id and no count readable in the document until the round ends', () => {
    const doc = boardWithNotes()
    const seal = voteSealFor(round.id, SECRET)
    doc.transact(() => {
      castVote(doc, round, { voterKey: 'v1', voterName: null, noteId: 'shape:a', delta: 1 }, seal)
      castVote(doc, round, { voterKey: 'v1', voterName: null, noteId: 'shape:a', delta: 1 }, seal)
      castVote(doc, round, { voterKey: 'v2', voterName: null, noteId: 'shape:b', delta: 1 }, seal)
    })
    const raw = JSON.stringify(votesMap(doc).toJSON())
    expect(raw).not.toContain('shape:a')
    expect(raw).not.toContain('shape:b')
    expect(raw).not.toMatch(/"n":/)
    // A client without the seal counts nothing; the server counts the voter's own.
    expect(tallyVotes(doc, round.id).size).toBe(0)
    expect(votesOf(doc, round.id, 'v1', seal)).toEqual({ 'shape:a': 2 })
    expect(castVote(doc, round, { voterKey: 'v1', voterName: null, noteId: 'shape:b', delta: 1 }, seal).remaining).toBe(0)
    expect(castVote(doc, round, { voterKey: 'v1', voterName: null, noteId: 'shape:b', delta: 1 }, seal).reason).toBe('limit')

    doc.transact(() => unsealVotes(doc, round.id, seal))
    expect(Object.fromEntries(tallyVotes(doc, round.id))).toEqual({ 'shape:a': 2, 'shape:b': 2 })
  })

  it('are refused without the seal, and a seal of another round opens nothing', () => {
    const doc = boardWithNotes()
    expect(() => castVote(doc, round, { voterKey: 'v1', voterName: null, noteId: 'shape:a', delta: 1 })).toThrow()
    const seal = voteSealFor(round.id, SECRET)
    doc.transact(() => castVote(doc, round, { voterKey: 'v1', voterName: null, noteId: 'shape:a', delta: 1 }, seal))
    expect(votesOf(doc, round.id, 'v1', voteSealFor('other', SECRET))).toEqual({})
    expect(votesOf(doc, round.id, 'v1', voteSealFor(round.id, 'another-secret-of-thirty-two-characters!'))).toEqual({})
  })
})
