/**
 * Where a board lives inside its Y.Doc. This module is the only place that names the doc's
 * root types; everything else reaches them through these functions.
 *
 * - `tldraw` (Y.Array of `{ key, val }`): every document-scoped tldraw record (shapes,
 *   bindings, pages, the document record), keyed by record id, managed as a YKeyValue. A key
 *   may briefly appear twice after concurrent writes; the rightmost entry wins, as YKeyValue
 *   decides.
 * - `board` (Y.Map): the board's own metadata: the serialized tldraw schema the records
 *   conform to, the template version, the planning-model version, and `continues` — the
 *   board whose plan this one follows up.
 * - `session` (Y.Map): the facilitation state (timer, rounds, locks; see session.ts).
 * - `votes` (Y.Map): dot votes, one entry per voter, round and note (see votes.ts).
 */
import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'
import type { SerializedSchema } from '@tldraw/store'
import { PageRecordType, type TLRecord } from '@tldraw/tlschema'

const RECORDS_ROOT = 'tldraw'
const META_ROOT = 'board'
const SESSION_ROOT = 'session'
const VOTES_ROOT = 'votes'

/**
 * Every root type a board's document (and a private one) has, and its kind. Nothing else may be
 * written: the sync server refuses an update that writes any other root, or writes one as the
 * other kind (server/sync/updateContent.ts).
 */
export const DOC_ROOTS: Readonly<Record<string, 'array' | 'map'>> = Object.freeze({
  [RECORDS_ROOT]: 'array',
  [META_ROOT]: 'map',
  [SESSION_ROOT]: 'map',
  [VOTES_ROOT]: 'map',
})

/** The board's one page: every shape's parent. */
export const BOARD_PAGE_ID = PageRecordType.createId('board')

export interface RecordEntry {
  key: string
  val: TLRecord
}

export interface BoardMeta {
  schema: SerializedSchema
  templateVersion: number
  planningModelVersion: number
  /** The board whose plan this board follows up (Ständiga förbättringar), if any. */
  continues: { boardId: string; name: string }
}

export function recordsArray(doc: Y.Doc): Y.Array<RecordEntry> {
  return doc.getArray<RecordEntry>(RECORDS_ROOT)
}

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META_ROOT)
}

export function sessionMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(SESSION_ROOT)
}

export function votesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(VOTES_ROOT)
}

/**
 * A key-value view of the records for code that writes them (the tldraw binding, a new
 * board's template). It stays subscribed to the doc's record array for as long as the doc
 * lives, so code writing into a long-lived document (a room's on the server) uses
 * {@link setRecords} and {@link deleteRecords} instead.
 */
export function openRecordStore(doc: Y.Doc): YKeyValue<TLRecord> {
  return new YKeyValue<TLRecord>(recordsArray(doc) as unknown as Y.Array<{ key: string; val: TLRecord }>)
}

/**
 * One pass over the record array from the right (as YKeyValue reads it: the rightmost entry
 * of a key is its value), deleting every entry `drop` picks. Call it inside a transaction.
 */
export function dropRecordEntries(doc: Y.Doc, drop: (entry: RecordEntry | undefined) => boolean): void {
  const array = recordsArray(doc)
  const entries = array.toArray()
  for (let i = entries.length - 1; i >= 0; i--) {
    if (drop(entries[i] as RecordEntry | undefined)) array.delete(i, 1)
  }
}

/** Appends `records` as the rightmost entries of their keys. Call it inside a transaction. */
export function pushRecords(doc: Y.Doc, records: readonly TLRecord[]): void {
  if (records.length > 0) recordsArray(doc).push(records.map((record) => ({ key: record.id, val: record })))
}

/**
 * Writes (or replaces) records, editing the record array directly: no observer is left on the
 * document. Every entry of a key being written goes; the new ones are appended (the last
 * given for an id wins).
 */
export function setRecords(doc: Y.Doc, records: readonly TLRecord[]): void {
  if (records.length === 0) return
  const next = new Map<string, TLRecord>(records.map((record) => [record.id, record]))
  doc.transact(() => {
    dropRecordEntries(doc, (entry) => entry !== undefined && next.has(entry.key))
    pushRecords(doc, [...next.values()])
  })
}

/** Removes every entry of the given record ids, editing the record array directly. */
export function deleteRecords(doc: Y.Doc, ids: Iterable<string>): void {
  const gone = new Set(ids)
  if (gone.size === 0) return
  doc.transact(() => dropRecordEntries(doc, (entry) => entry !== undefined && gone.has(entry.key)))
}

/** Reads the current records without touching the doc (safe for read-only observers). */
export function readRecords(doc: Y.Doc): Map<string, TLRecord> {
  const entries = recordsArray(doc).toArray()
  const records = new Map<string, TLRecord>()
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]
    if (entry && typeof entry.key === 'string' && !records.has(entry.key)) {
      records.set(entry.key, entry.val)
    }
  }
  return records
}

export function readBoardMeta(doc: Y.Doc): Partial<BoardMeta> {
  const meta = metaMap(doc)
  return {
    schema: meta.get('schema') as SerializedSchema | undefined,
    templateVersion: meta.get('templateVersion') as number | undefined,
    planningModelVersion: meta.get('planningModelVersion') as number | undefined,
    continues: readContinues(meta.get('continues')),
  }
}

/** Any client may write the board map: a `continues` entry is read defensively. */
function readContinues(value: unknown): BoardMeta['continues'] | undefined {
  const v = value as { boardId?: unknown; name?: unknown } | null | undefined
  return v && typeof v.boardId === 'string' && typeof v.name === 'string' ? { boardId: v.boardId, name: v.name } : undefined
}

export function writeBoardMeta(doc: Y.Doc, meta: Partial<BoardMeta>): void {
  const map = metaMap(doc)
  doc.transact(() => {
    for (const [key, value] of Object.entries(meta)) {
      if (value !== undefined) map.set(key, value)
    }
  })
}
