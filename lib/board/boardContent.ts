/**
 * A board's whole content as plain data — its records, metadata, facilitation state and
 * votes — read out of a document, written into a new one, or put in place of a live one's.
 * Backups, imports and snapshot restores go through here.
 */
import { equalityDeep } from 'lib0/function'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { dropRecordEntries, metaMap, pushRecords, readBoardMeta, readRecords, sessionMap, votesMap, type BoardMeta } from './docLayout'

export interface BoardContent {
  meta: Partial<BoardMeta>
  /** Every record, ordered by id. */
  records: TLRecord[]
  /** The facilitation state's entries as stored (see session.ts). */
  session: Record<string, unknown>
  /** The vote entries as stored (see votes.ts). */
  votes: Record<string, unknown>
}

const plain = (map: Y.Map<unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const key of [...map.keys()].sort()) out[key] = map.get(key)
  return out
}

export function readBoardContent(doc: Y.Doc): BoardContent {
  const records = [...readRecords(doc).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const meta = readBoardMeta(doc)
  return {
    meta: Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)) as Partial<BoardMeta>,
    records,
    session: plain(sessionMap(doc)),
    votes: plain(votesMap(doc)),
  }
}

/** Makes `map` hold exactly `entries`, touching only the keys that differ. */
function replaceMap(map: Y.Map<unknown>, entries: Record<string, unknown>) {
  for (const key of [...map.keys()]) if (!Object.hasOwn(entries, key)) map.delete(key)
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined && !equalityDeep(map.get(key), value)) map.set(key, value)
  }
}

/**
 * Makes the document hold exactly `content`, in one transaction, changing only what differs —
 * so a restore in a live room sends connected clients a small update, not a whole new board.
 * Works on the record array directly rather than through a YKeyValue, which would stay
 * subscribed to a long-lived room's document.
 */
export function replaceBoardContent(doc: Y.Doc, content: BoardContent): void {
  const next = new Map<string, TLRecord>(content.records.map((record) => [record.id, record]))
  doc.transact(() => {
    const kept = new Set<string>()
    // The rightmost entry of a key, if it already holds the wanted value, stays; the rest go.
    dropRecordEntries(doc, (entry) => {
      const wanted = entry ? next.get(entry.key) : undefined
      if (entry && wanted && !kept.has(entry.key) && equalityDeep(entry.val, wanted)) {
        kept.add(entry.key)
        return false
      }
      return true
    })
    pushRecords(
      doc,
      content.records.filter((record) => !kept.has(record.id)),
    )
    replaceMap(metaMap(doc), content.meta as Record<string, unknown>)
    replaceMap(sessionMap(doc), content.session)
    replaceMap(votesMap(doc), content.votes)
  })
}

/** Reads a document stored as one Yjs update (a snapshot's state) with `read`. */
export function readState<T>(state: Uint8Array, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return read(doc)
  } finally {
    doc.destroy()
  }
}

/** The content of a document stored as one Yjs update (a snapshot's state). */
export function readContentOfState(state: Uint8Array): BoardContent {
  return readState(state, readBoardContent)
}

/** A new document holding `content`. */
export function createDocFromContent(content: BoardContent): Y.Doc {
  const doc = new Y.Doc()
  replaceBoardContent(doc, content)
  return doc
}

/** A new document's state as one Yjs update, ready to store as a board's first state. */
export function encodeContent(content: BoardContent): Uint8Array {
  const doc = createDocFromContent(content)
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}
