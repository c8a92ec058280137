/**
 * Dot votes. Each entry of the document's `votes` map is one voter's votes for one note in one
 * round (`<round>/<voter>/<note>` → `{ n, who? }`), so two people voting at once write
 * different entries and never lose a vote. Votes are cast through the server, which checks
 * the voter's limit and the round's scope in the same transaction as the write.
 *
 * In an anonymous round the voter key is an opaque hash and no name is stored.
 */
import type * as Y from 'yjs'
import { isNoteShape } from './areaOfPoint'
import { readRecords, votesMap } from './docLayout'
import { readNoteMeta } from './noteMeta'
import { isThemeShape } from './planShapes'
import { themeAreaOf } from './planRecords'
import type { AreaId } from '../planning/planningModel'
import type { VotingRound } from './session'

export type VoteRefusal = 'no-round' | 'round-ended' | 'no-such-note' | 'out-of-scope' | 'limit' | 'none-to-remove'

export interface VoteResult {
  ok: boolean
  reason?: VoteRefusal
  /** The voter's votes in this round after the change, by note id. */
  mine: Record<string, number>
  remaining: number
}

const SEP = '/'
const keyOf = (roundId: string, voterKey: string, noteId: string) => [roundId, voterKey, noteId].join(SEP)

interface Entry {
  roundId: string
  voterKey: string
  noteId: string
  n: number
  who: string | null
}

function entries(doc: Y.Doc, roundId: string): Entry[] {
  const out: Entry[] = []
  votesMap(doc).forEach((value, key) => {
    const parts = key.split(SEP)
    if (parts.length < 3 || parts[0] !== roundId) return
    const v = value as { n?: unknown; who?: unknown } | null
    const n = typeof v?.n === 'number' && Number.isFinite(v.n) ? Math.max(0, Math.floor(v.n)) : 0
    if (n === 0) return
    out.push({ roundId, voterKey: parts[1], noteId: parts.slice(2).join(SEP), n, who: typeof v?.who === 'string' ? v.who : null })
  })
  return out
}

/** A voter's votes in a round, by note id. */
export function votesOf(doc: Y.Doc, roundId: string, voterKey: string): Record<string, number> {
  const mine: Record<string, number> = {}
  for (const e of entries(doc, roundId)) if (e.voterKey === voterKey) mine[e.noteId] = e.n
  return mine
}

/** Votes per note in a round. */
export function tallyVotes(doc: Y.Doc, roundId: string): Map<string, number> {
  const tally = new Map<string, number>()
  for (const e of entries(doc, roundId)) tally.set(e.noteId, (tally.get(e.noteId) ?? 0) + e.n)
  return tally
}

/** One voter's votes in a round, and how many of their votes are left. */
export function voterStanding(doc: Y.Doc, round: VotingRound, voterKey: string): { mine: Record<string, number>; remaining: number } {
  const mine = votesOf(doc, round.id, voterKey)
  const used = Object.values(mine).reduce((a, b) => a + b, 0)
  return { mine, remaining: Math.max(0, round.votesPerPerson - used) }
}

/**
 * Adds (`delta` 1) or takes back (`delta` -1) one vote. Call inside a transaction on the
 * server: the limit check and the write happen together.
 */
export function castVote(
  doc: Y.Doc,
  round: VotingRound | null,
  vote: { voterKey: string; voterName: string | null; noteId: string; delta: 1 | -1 },
): VoteResult {
  const summary = (ok: boolean, reason?: VoteRefusal): VoteResult => ({
    ok,
    reason,
    ...(round ? voterStanding(doc, round, vote.voterKey) : { mine: {}, remaining: 0 }),
  })
  if (!round) return summary(false, 'no-round')
  if (!round.active) return summary(false, 'round-ended')
  const records = readRecords(doc)
  const note = records.get(vote.noteId)
  // A theme is voted on as a whole, like one note of its area.
  if (!isNoteShape(note) && !isThemeShape(note)) return summary(false, 'no-such-note')
  const areaId = isNoteShape(note) ? readNoteMeta(note.meta).areaId : themeAreaOf(records.values(), note)
  if (!inVotingScope(round, areaId)) return summary(false, 'out-of-scope')

  const mine = votesOf(doc, round.id, vote.voterKey)
  const used = Object.values(mine).reduce((a, b) => a + b, 0)
  const current = mine[vote.noteId] ?? 0
  if (vote.delta > 0 && used >= round.votesPerPerson) return summary(false, 'limit')
  if (vote.delta < 0 && current === 0) return summary(false, 'none-to-remove')
  const next = current + vote.delta
  const key = keyOf(round.id, vote.voterKey, vote.noteId)
  if (next === 0) votesMap(doc).delete(key)
  else votesMap(doc).set(key, round.anonymous || !vote.voterName ? { n: next } : { n: next, who: vote.voterName })
  return summary(true)
}

/** Whether a note in `areaId` (null: outside every area) may be voted on in `round`. */
export function inVotingScope(round: Pick<VotingRound, 'areas'>, areaId: AreaId | null): boolean {
  return !round.areas || (areaId !== null && round.areas.includes(areaId))
}
