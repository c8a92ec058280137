/**
 * A sticky note as a tldraw record, built without an editor: for the template's starter
 * notes, notes sent from phones, and anything else the server writes. Props are tldraw 5's
 * note props with the defaults its note tool uses, except where given.
 */
import { createShapeId, toRichText, type TLNoteShape, type TLRecord, type TLRichText, type TLShapeId } from '@tldraw/tlschema'
import type { IndexKey, JsonObject } from '@tldraw/utils'
import { getIndexAbove } from '@tldraw/utils'
import type * as Y from 'yjs'
import { isNoteShape } from './areaOfPoint'
import { BOARD_PAGE_ID, readRecords, setRecords } from './docLayout'

export interface NoteRecordOptions {
  id?: TLShapeId
  x: number
  y: number
  text?: string
  richText?: TLRichText
  meta?: JsonObject
  growY?: number
  index?: IndexKey
  color?: TLNoteShape['props']['color']
  size?: TLNoteShape['props']['size']
  font?: TLNoteShape['props']['font']
}

export function buildNoteRecord(options: NoteRecordOptions): TLNoteShape {
  return {
    id: options.id ?? createShapeId(),
    typeName: 'shape',
    type: 'note',
    x: options.x,
    y: options.y,
    rotation: 0,
    index: options.index ?? ('a1' as IndexKey),
    parentId: BOARD_PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: options.meta ?? {},
    props: {
      color: options.color ?? 'yellow',
      labelColor: 'black',
      size: options.size ?? 'm',
      font: options.font ?? 'draw',
      fontSizeAdjustment: 1,
      align: 'middle',
      verticalAlign: 'middle',
      growY: options.growY ?? 0,
      url: '',
      richText: options.richText ?? toRichText(options.text ?? ''),
      scale: 1,
      textFirstEditedBy: null,
    },
  }
}

/** An index above every shape among `records`, so a new note lies on top. */
export function topIndexOf(records: Iterable<TLRecord>): IndexKey {
  let top: IndexKey | null = null
  for (const record of records) {
    if (record.typeName === 'shape' && (top === null || record.index > top)) top = record.index
  }
  return getIndexAbove(top)
}

/**
 * Writes (or replaces) note records in the caller's transaction, editing the record array
 * directly: the server writes into a room's long-lived document, where a YKeyValue would
 * stay subscribed.
 */
export function putNotes(doc: Y.Doc, notes: readonly TLNoteShape[]): void {
  setRecords(doc, notes)
}

/** The notes of a document. */
export function notesIn(doc: Y.Doc): TLNoteShape[] {
  return [...readRecords(doc).values()].filter(isNoteShape)
}
