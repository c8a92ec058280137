/**
 * Where a board lives inside its Y.Doc. This module is the only place that names the doc's
 * root types; everything else reaches them through these functions.
 *
 * - `tldraw` (Y.Array of `{ key, val }`): every document-scoped tldraw record (shapes,
 *   bindings, pages, the document record), keyed by record id, managed as a YKeyValue. A key
 *   may briefly appear twice after concurrent writes; the rightmost entry wins, as YKeyValue
 *   decides.
 * - `board` (Y.Map): the board's own metadata: the serialized tldraw schema the records
 *   conform to, the template version and the planning-model version.
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

/** A key-value view of the records for code that writes them (the tldraw binding, importers). */
export function openRecordStore(doc: Y.Doc): YKeyValue<TLRecord> {
  return new YKeyValue<TLRecord>(recordsArray(doc) as unknown as Y.Array<{ key: string; val: TLRecord }>)
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
  }
}

export function writeBoardMeta(doc: Y.Doc, meta: Partial<BoardMeta>): void {
  const map = metaMap(doc)
  doc.transact(() => {
    for (const [key, value] of Object.entries(meta)) {
      if (value !== undefined) map.set(key, value)
    }
  })
}
