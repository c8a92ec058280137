/**
 * Placing a note in an area from outside the canvas (a phone, an import): the first free slot
 * of the area's zone, with a height estimated from its text, on top of everything else.
 */
import type * as Y from 'yjs'
import type { TLNoteShape, TLRecord } from '@tldraw/tlschema'
import type { AreaId } from '../planning/planningModel'
import { isAreaShape, isNoteShape } from './areaOfPoint'
import { readRecords } from './docLayout'
import { noteMeta } from './noteMeta'
import { buildNoteRecord, topIndex } from './noteRecord'
import { firstFreeNoteSlot } from './noteSlots'
import { NOTE_SIZE, estimateNoteHeight } from './templateLayout'

export interface NewNote {
  areaId: AreaId
  text: string
  author: { id: string; name: string } | null
  now: number
  /** Set while a private round runs: the note belongs to the author's private document. */
  privateRound?: string | null
}

/** Where a note for `areaId` goes on this board, or null when the board lacks that zone. */
export function slotInArea(board: Y.Doc, areaId: AreaId): { x: number; y: number } | null {
  return slotAmongRecords(readRecords(board).values(), areaId)
}

/**
 * Where a note for `areaId` goes among these records (a tldraw store's, say), or null when
 * they lack that zone. `exceptNoteId` is a note being moved, whose own place does not count.
 */
export function slotAmongRecords(
  all: Iterable<TLRecord>,
  areaId: AreaId,
  exceptNoteId?: string,
): { x: number; y: number } | null {
  const records = [...all]
  const area = records.find((r) => isAreaShape(r) && r.props.areaId === areaId)
  if (!isAreaShape(area)) return null
  const notes = records.filter(isNoteShape).filter((n) => n.id !== exceptNoteId)
  const occupied = notes.map((n) => ({
    x: n.x,
    y: n.y,
    w: NOTE_SIZE * (n.props.scale || 1),
    h: (NOTE_SIZE + n.props.growY) * (n.props.scale || 1),
  }))
  return firstFreeNoteSlot({ x: area.x, y: area.y, w: area.props.w, h: area.props.h }, occupied)
}

/** The note record for `note` at `slot`, with its area, author and time in its meta. */
export function noteForArea(board: Y.Doc, note: NewNote, slot: { x: number; y: number }): TLNoteShape {
  const meta = noteMeta({ areaId: note.areaId, createdAt: note.now, createdBy: note.author ?? undefined })
  if (note.privateRound) meta.privateRound = note.privateRound
  return buildNoteRecord({
    x: slot.x,
    y: slot.y,
    text: note.text,
    index: topIndex(board),
    growY: estimateNoteHeight(note.text, 22) - NOTE_SIZE,
    meta,
  })
}
