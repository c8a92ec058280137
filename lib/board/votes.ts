/**
 * Dot votes. Each entry of the document's `votes` map is one voter's votes for one note in one
 * round (`<round>/<voter>/<note>` → `{ n, who? }`), so two people voting at once write
 * different entries and never lose a vote. Votes are cast through the server, which checks
 * the voter's limit and the round's scope in the same transaction as the write.
 *
 * In an anonymous round the voter key is an opaque hash and no name is stored. In a round that
 * hides its tally until it ends, each entry is sealed by the server (`VoteSeal`): the key names
 * an opaque stand-in for the note and the value is ciphertext, so nobody reading the synced
 * document can count a note's votes; the server opens them all when the round ends.
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

/** Seals and opens vote entries of a round that hides its tally (server side: it holds the key). */
export interface VoteSeal {
  /** The opaque stand-in for a note in entry keys (the same for the same note in one round). */
  noteKey(noteId: string): string
  seal(noteId: string, n: number): { sealed: string }
  open(value: { sealed: string }): { noteId: string; n: number } | null
}

const isSealed = (v: unknown): v is { sealed: string } =>
  !!v && typeof v === 'object' && typeof (v as { sealed?: unknown }).sealed === 'string'

interface Entry {
  roundId: string
  voterKey: string
  noteId: string
  n: number
  who: string | null
}

/** A round's entries; sealed ones only with the seal (without it they count for nothing). */
function entries(doc: Y.Doc, roundId: string, seal?: VoteSeal): Entry[] {
  const out: Entry[] = []
  votesMap(doc).forEach((value, key) => {
    const parts = key.split(SEP)
    if (parts.length < 3 || parts[0] !== roundId) return
    if (isSealed(value)) {
      const opened = seal?.open(value)
      if (opened && opened.n > 0) out.push({ roundId, voterKey: parts[1], noteId: opened.noteId, n: opened.n, who: null })
      return
    }
    const v = value as { n?: unknown; who?: unknown } | null
    const n = typeof v?.n === 'number' && Number.isFinite(v.n) ? Math.max(0, Math.floor(v.n)) : 0
    if (n === 0) return
    out.push({ roundId, voterKey: parts[1], noteId: parts.slice(2).join(SEP), n, who: typeof v?.who === 'string' ? v.who : null })
  })
  return out
}

/** Replaces a round's sealed entries with plain ones (when the round ends). Call in a transaction. */
export function unsealVotes(doc: Y.Doc, roundId: string, seal: VoteSeal): void {
  const map = votesMap(doc)
  const sealedKeys: string[] = []
  map.forEach((value, key) => {
    if (key.startsWith(roundId + SEP) && isSealed(value)) sealedKeys.push(key)
  })
  if (sealedKeys.length === 0) return
  const opened = entries(doc, roundId, seal).filter((e) => sealedKeys.includes(keyOf(roundId, e.voterKey, seal.noteKey(e.noteId))))
  for (const key of sealedKeys) map.delete(key)
  for (const e of opened) map.set(keyOf(roundId, e.voterKey, e.noteId), { n: e.n })
}

/** A voter's votes in a round, by note id. */
export function votesOf(doc: Y.Doc, roundId: string, voterKey: string, seal?: VoteSeal): Record<string, number> {
  const mine: Record<string, number> = {}
  for (const e of entries(doc, roundId, seal)) if (e.voterKey === voterKey) mine[e.noteId] = e.n
  return mine
}

/** Votes per note in a round. */
export function tallyVotes(doc: Y.Doc, roundId: string): Map<string, number> {
  const tally = new Map<string, number>()
  for (const e of entries(doc, roundId)) tally.set(e.noteId, (tally.get(e.noteId) ?? 0) + e.n)
  return tally
}

/** Votes per note over several rounds together. */
export function tallyRounds(doc: Y.Doc, roundIds: readonly string[]): Map<string, number> {
  const tally = new Map<string, number>()
  for (const id of roundIds) for (const [note, n] of tallyVotes(doc, id)) tally.set(note, (tally.get(note) ?? 0) + n)
  return tally
}

/** One voter's votes in a round, and how many of their votes are left. */
export function voterStanding(
  doc: Y.Doc,
  round: VotingRound,
  voterKey: string,
  seal?: VoteSeal,
): { mine: Record<string, number>; remaining: number } {
  const mine = votesOf(doc, round.id, voterKey, seal)
  return { mine, remaining: Math.max(0, round.votesPerPerson - votesSpent(mine, readRecords(doc))) }
}

/**
 * How many of a voter's votes are spent: those on notes and themes still on the board. A vote
 * on a note someone deleted comes back to its voter (it stays in the doc, counting for nothing:
 * the tally shows only what is on the board).
 */
function votesSpent(mine: Record<string, number>, records: ReadonlyMap<string, unknown>): number {
  let used = 0
  for (const [noteId, n] of Object.entries(mine)) {
    const record = records.get(noteId) as Parameters<typeof isNoteShape>[0]
    if (isNoteShape(record) || isThemeShape(record)) used += n
  }
  return used
}

/**
 * Adds (`delta` 1) or takes back (`delta` -1) one vote. Call inside a transaction on the
 * server: the limit check and the write happen together.
 */
export function castVote(
  doc: Y.Doc,
  round: VotingRound | null,
  vote: { voterKey: string; voterName: string | null; noteId: string; delta: 1 | -1 },
  /** Required when the round hides its tally. */
  seal?: VoteSeal,
): VoteResult {
  const summary = (ok: boolean, reason?: VoteRefusal): VoteResult => ({
    ok,
    reason,
    ...(round ? voterStanding(doc, round, vote.voterKey, seal) : { mine: {}, remaining: 0 }),
  })
  if (!round) return summary(false, 'no-round')
  if (!round.active) return summary(false, 'round-ended')
  const records = readRecords(doc)
  const note = records.get(vote.noteId)
  // A theme is voted on as a whole, like one note of its area.
  if (!isNoteShape(note) && !isThemeShape(note)) return summary(false, 'no-such-note')
  const areaId = isNoteShape(note) ? readNoteMeta(note.meta).areaId : themeAreaOf(records.values(), note)
  if (!inVotingScope(round, areaId)) return summary(false, 'out-of-scope')

  const sealing = round.hideTally ? seal : undefined
  if (round.hideTally && !sealing) throw new Error('a round that hides its tally needs the seal')
  const mine = votesOf(doc, round.id, vote.voterKey, sealing)
  const used = votesSpent(mine, records)
  const current = mine[vote.noteId] ?? 0
  if (vote.delta > 0 && used >= round.votesPerPerson) return summary(false, 'limit')
  if (vote.delta < 0 && current === 0) return summary(false, 'none-to-remove')
  const next = current + vote.delta
  const key = keyOf(round.id, vote.voterKey, sealing ? sealing.noteKey(vote.noteId) : vote.noteId)
  if (next === 0) votesMap(doc).delete(key)
  else if (sealing) votesMap(doc).set(key, sealing.seal(vote.noteId, next))
  else votesMap(doc).set(key, round.anonymous || !vote.voterName ? { n: next } : { n: next, who: vote.voterName })
  return summary(true)
}

/** Whether a note in `areaId` (null: outside every area) may be voted on in `round`. */
export function inVotingScope(round: Pick<VotingRound, 'areas'>, areaId: AreaId | null): boolean {
  return !round.areas || (areaId !== null && round.areas.includes(areaId))
}
