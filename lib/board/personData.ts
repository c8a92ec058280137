/**
 * What a board's document holds about one person, and erasing their name from it. A person is
 * named in a document as `{ id, name }` (a note's author in its meta, a facilitator's summon)
 * or as an owner beside an `ownerId` (a commitment), and as the voter of named votes. Erasing
 * keeps the notes — a library's plan material is an official record — and replaces the name
 * with the given one; votes stay counted but lose their voter.
 *
 * The walk is generic over records' props and meta, so shapes added later that name people the
 * same way are covered without changes here.
 */
import type { TLRecord } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { readRecords, setRecords, votesMap } from './docLayout'
import { plainTextFromRichText } from './richText'
import { readSession, writeSession } from './session'

/** The author id a removed person's notes carry. */
export const REMOVED_PERSON_ID = 'removed'

export interface PersonInDoc {
  /** Records the person made or owns, with their text. */
  records: { id: string; type: string; text: string; createdAt: number | null }[]
  /** Their named votes: round, note and count. */
  votes: { roundId: string; noteId: string; n: number }[]
}

type Json = unknown

/** True when the value names the person: `{ id, name }` or `{ ownerId, owner }`. */
function names(value: Json, personId: string): boolean {
  if (!value || typeof value !== 'object') return false
  if (Array.isArray(value)) return value.some((item) => names(item, personId))
  const object = value as Record<string, unknown>
  if (object.id === personId && typeof object.name === 'string') return true
  if (object.ownerId === personId) return true
  return Object.values(object).some((item) => names(item, personId))
}

function erase(value: Json, personId: string, erasedName: string): Json {
  if (!value || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => erase(item, personId, erasedName))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = erase(item, personId, erasedName)
  if (out.id === personId && typeof out.name === 'string') {
    out.id = REMOVED_PERSON_ID
    out.name = erasedName
  }
  if (out.ownerId === personId) {
    out.ownerId = REMOVED_PERSON_ID
    if (typeof out.owner === 'string') out.owner = erasedName
  }
  return out
}

function textOf(record: TLRecord): string {
  const props = (record as { props?: Record<string, unknown> }).props ?? {}
  if (props.richText !== undefined) return plainTextFromRichText(props.richText)
  for (const key of ['text', 'title', 'name']) if (typeof props[key] === 'string') return props[key] as string
  return ''
}

/** Splits a vote key `<round>/<voter>/<note>`. */
function voteKey(key: string) {
  const parts = key.split('/')
  return parts.length < 3 ? null : { roundId: parts[0], voter: parts[1], noteId: parts.slice(2).join('/') }
}

export function findPersonInDoc(doc: Y.Doc, personId: string): PersonInDoc {
  const records: PersonInDoc['records'] = []
  for (const record of readRecords(doc).values()) {
    const { props, meta } = record as { props?: unknown; meta?: Record<string, unknown> }
    if (!names(props, personId) && !names(meta, personId)) continue
    const createdAt = typeof meta?.createdAt === 'number' ? meta.createdAt : null
    records.push({ id: record.id, type: (record as { type?: string }).type ?? record.typeName, text: textOf(record), createdAt })
  }
  const votes: PersonInDoc['votes'] = []
  votesMap(doc).forEach((value, key) => {
    const parsed = voteKey(key)
    const n = (value as { n?: unknown } | null)?.n
    if (parsed && parsed.voter === personId && typeof n === 'number') votes.push({ roundId: parsed.roundId, noteId: parsed.noteId, n })
  })
  return { records, votes }
}

/**
 * Replaces the person's name everywhere in the document (call inside a transaction). Their
 * named votes move to an anonymous voter key, so tallies and limits stay as they were.
 * Returns how many records, votes and session entries changed.
 */
export function erasePersonFromDoc(doc: Y.Doc, personId: string, erasedName: string, anonymousVoter: string): number {
  const changed: TLRecord[] = []
  for (const record of readRecords(doc).values()) {
    const { props, meta } = record as { props?: unknown; meta?: unknown }
    if (!names(props, personId) && !names(meta, personId)) continue
    changed.push(erase(record, personId, erasedName) as TLRecord)
  }
  setRecords(doc, changed)
  let count = changed.length
  const votes = votesMap(doc)
  for (const [key, value] of [...votes.entries()]) {
    const parsed = voteKey(key)
    if (!parsed || parsed.voter !== personId) continue
    const n = (value as { n?: unknown } | null)?.n
    votes.delete(key)
    votes.set([parsed.roundId, anonymousVoter, parsed.noteId].join('/'), { n })
    count++
  }
  const { summon } = readSession(doc)
  if (summon?.userId === personId) {
    writeSession(doc, { summon: { ...summon, userId: REMOVED_PERSON_ID, name: erasedName } })
    count++
  }
  return count
}
