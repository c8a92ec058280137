/**
 * Sticky notes for sync tests: valid tldraw note records written the way the app writes them
 * (through the board's record store), and read back the way exports read them (the read model).
 */
import * as Y from 'yjs'
import { createShapeId, type TLNoteShape } from '@tldraw/tlschema'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import type { DocStore } from '../../lib/store/types'
import { openRecordStore } from '../../lib/board/docLayout'
import { noteMeta } from '../../lib/board/noteMeta'
import { readBoard, type NoteView } from '../../lib/board/readModel'
import { boardSchema } from '../../lib/board/schema'
import { buildNoteRecord } from '../../lib/board/noteRecord'

let lastIndex: IndexKey | null = null

/** A note as the template's starter notes are built, validated against the board schema. */
export function buildNote({ key, text, x = 0, y = 0 }: { key: string; text: string; x?: number; y?: number }): TLNoteShape {
  lastIndex = getIndexAbove(lastIndex)
  const note = buildNoteRecord({
    id: createShapeId(key),
    x,
    y,
    text,
    index: lastIndex,
    size: 's',
    font: 'sans',
    meta: noteMeta({ areaId: null, createdAt: 1_700_000_000_000 }),
  })
  boardSchema.types.shape.validate(note)
  return note
}

const recordStores = new WeakMap<Y.Doc, ReturnType<typeof openRecordStore>>()

/** Writes a note into `doc` through the board's record store (one per doc, as the app keeps). */
export function putNote(doc: Y.Doc, note: TLNoteShape): void {
  let records = recordStores.get(doc)
  if (!records) {
    records = openRecordStore(doc)
    recordStores.set(doc, records)
  }
  records.set(note.id, note)
}

/** Builds a note with `text` and writes it into `doc`; returns the record. */
export function addNote(doc: Y.Doc, key: string, text: string, position: { x?: number; y?: number } = {}): TLNoteShape {
  const note = buildNote({ key, text, ...position })
  putNote(doc, note)
  return note
}

export function notesOf(doc: Y.Doc): NoteView[] {
  const view = readBoard(doc, 'sv')
  return [...view.steps.flatMap((step) => step.areas.flatMap((area) => area.notes)), ...view.unplaced]
}

/** The text of every note on the board, sorted, as the read model sees it. */
export function noteTexts(doc: Y.Doc): string[] {
  return notesOf(doc)
    .map((note) => note.text)
    .sort()
}

/** The stored document (snapshot, then the update log) applied to a fresh Y.Doc. */
export async function loadStoredDoc(docs: DocStore, boardId: string): Promise<Y.Doc> {
  const stored = await docs.loadDoc(boardId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

/** True when `doc` holds any change made by the Yjs client `clientId`. */
export function hasChangesFrom(doc: Y.Doc, clientId: number): boolean {
  return Y.decodeStateVector(Y.encodeStateVector(doc)).has(clientId)
}
