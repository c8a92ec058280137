/**
 * Placing a note in an area from outside the canvas (a phone, an import): the first free slot
 * of the area's zone, with a height estimated from its text, on top of everything else.
 */
import type { TLNoteShape, TLRecord } from '@tldraw/tlschema'
import type { AreaId } from '../planning/planningModel'
import { isAreaShape, isNoteShape } from './areaOfPoint'
import { noteMeta } from './noteMeta'
import { buildNoteRecord, topIndexOf } from './noteRecord'
import { firstFreeNoteSlot } from './noteSlots'
import { NOTE_SIZE, estimateNoteHeight } from './templateLayout'

/** tldraw's note label size for size "m", for estimating a note's height from its text. */
export const NOTE_FONT_SIZE = 22

/** How much a note must grow for `text` to fit, as an estimate without a browser. */
export function noteGrowY(text: string): number {
  return estimateNoteHeight(text, NOTE_FONT_SIZE) - NOTE_SIZE
}

export interface NewNote {
  areaId: AreaId
  text: string
  author: { id: string; name: string } | null
  now: number
  /** Set while a private round runs: the note belongs to the author's private document. */
  privateRound?: string | null
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

/**
 * The note record for `note` at `slot`, with its area, author and time in its meta, on top of
 * every shape among `records` (the board's).
 */
export function noteForArea(records: Iterable<TLRecord>, note: NewNote, slot: { x: number; y: number }): TLNoteShape {
  const meta = noteMeta({ areaId: note.areaId, createdAt: note.now, createdBy: note.author ?? undefined })
  if (note.privateRound) meta.privateRound = note.privateRound
  return buildNoteRecord({
    x: slot.x,
    y: slot.y,
    text: note.text,
    index: topIndexOf(records),
    growY: noteGrowY(note.text),
    meta,
  })
}
