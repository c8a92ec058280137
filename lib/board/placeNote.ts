/**
 * Placing a note in an area from outside the canvas. The browser (outline, *Lägg till idé*)
 * takes the first free cell, or the row under a full zone, which the server then takes into
 * the grown zone ({@link slotAmongRecords}); the server places what it writes itself (phone,
 * notes API, reveal, import) with the board's layout, growing the zone at once ({@link placeNotes}).
 */
import type { TLNoteShape, TLRecord } from '@tldraw/tlschema'
import type { AreaId } from '../planning/planningModel'
import { isAreaShape, isNoteShape } from './areaOfPoint'
import { noteMeta } from './noteMeta'
import { buildNoteRecord, topIndexOf } from './noteRecord'
import { spotForNewNote } from './boardLayout'
import { arrangeRecords } from './arrangeRecords'
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
export function slotAmongRecords(all: Iterable<TLRecord>, areaId: AreaId, exceptNoteId?: string): { x: number; y: number } | null {
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
  return spotForNewNote({ x: area.x, y: area.y, w: area.props.w, h: area.props.h }, occupied)
}

/**
 * Puts `notes` (new to the board, at any position) each in a free place in the zone its area
 * names, growing zones and re-flowing the map as needed; nothing else on the board moves on
 * its own. Returns every record to write: the notes, and the map when it changed.
 */
export function placeNotes(records: ReadonlyMap<string, TLRecord>, notes: readonly TLRecord[]): TLRecord[] {
  if (notes.length === 0) return []
  const fresh = new Set<string>(notes.map((note) => note.id))
  // Placed from above their zone: in reading order, wherever they were drawn.
  const all = new Map<string, TLRecord>(records)
  for (const note of notes) all.set(note.id, { ...note, x: -1e6, y: -1e6 } as TLRecord)
  const changed = arrangeRecords(all, { movable: (id) => fresh.has(id) })
  const written = new Set(changed.map((record) => record.id))
  return [...changed, ...notes.filter((note) => !written.has(note.id))]
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
