/**
 * Notes written during a private round, still hidden from everyone but their author. Each
 * person's live in their own document (lib/board/docIds.ts) until the reveal, placed in the free
 * cells their author sees; the board keeps room for them in its zones (`PrivateRoom` in
 * ./session.ts), and the author's browser moves them into that room as the zones grow.
 */
import type { TLNoteShape, TLRecord } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import type { AreaId } from '../planning/planningModel'
import { layoutItemsOf, mapOfRecords } from './arrangeRecords'
import { notesIn } from './noteRecord'
import { spotNear, type LayoutItem } from './boardLayout'
import { MAX_PRIVATE_ROOM } from './session'
import { ZONE_HEADER, rectsOverlap, type Rect } from './templateLayout'

export function isPrivateNote(record: TLRecord): boolean {
  return record.typeName === 'shape' && record.type === 'note' && typeof record.meta.privateRound === 'string'
}

/** The notes of round `roundId` in a document (a person's private one). */
export function roundNotesIn(doc: Y.Doc, roundId: string): TLNoteShape[] {
  return notesIn(doc).filter((note) => note.meta.privateRound === roundId)
}

/** A note's meta without its private-round mark: what publishing it on the board keeps. */
export function withoutPrivateRound<M extends Record<string, unknown>>(meta: M): M {
  const rest = { ...meta }
  delete rest.privateRound
  return rest
}

/**
 * How many notes one person has written in each area during the round `roundId`: their private
 * notes among `records` (the board's records and that person's private ones), each in the area
 * it names or, naming none, the zone it lies in.
 */
export function privateNotesPerArea(records: ReadonlyMap<string, TLRecord>, roundId: string): Map<AreaId, number> {
  const counts = new Map<AreaId, number>()
  for (const item of layoutItemsOf(records)) {
    const record = records.get(item.id)
    if (!record || !isPrivateNote(record) || record.meta.privateRound !== roundId || item.areaId === null) continue
    counts.set(item.areaId, (counts.get(item.areaId) ?? 0) + 1)
  }
  return counts
}

/**
 * The room one person's private notes need in each area: their notes of round `roundId` in
 * `own` (their private document's records), counted beside the board's `records`, at most
 * MAX_PRIVATE_ROOM per area.
 */
export function privateRoomFor(
  records: ReadonlyMap<string, TLRecord>,
  own: ReadonlyMap<string, TLRecord>,
  roundId: string,
): Map<AreaId, number> {
  const merged = new Map(records)
  for (const [id, record] of own) if (!merged.has(id)) merged.set(id, record)
  const room = new Map<AreaId, number>()
  for (const [areaId, count] of privateNotesPerArea(merged, roundId)) room.set(areaId, Math.min(MAX_PRIVATE_ROOM, count))
  return room
}

/** Whether `rect` lies in the zone's note area: inside it and under its header. */
function liesInZone(rect: Rect, zone: Rect): boolean {
  const e = 0.01
  return (
    rect.x >= zone.x - e &&
    rect.x + rect.w <= zone.x + zone.w + e &&
    rect.y >= zone.y + ZONE_HEADER - e &&
    rect.y + rect.h <= zone.y + zone.h + e
  )
}

/**
 * Where the private notes among `records` (a browser's: the board and its person's private
 * notes) must move to lie in their zones without covering anything: each one outside its zone,
 * or on another note or block, goes to the free cell nearest it — when the zone has one; a zone
 * still full is grown by the server to keep room for the round's notes, and they move then.
 * `leave` names notes someone is working on, which stay where they are.
 */
export function privateNoteMoves(
  records: ReadonlyMap<string, TLRecord>,
  leave: ReadonlySet<string> = new Set(),
): Map<string, { x: number; y: number }> {
  const moves = new Map<string, { x: number; y: number }>()
  const found = mapOfRecords(records)
  if (!found) return moves
  const items = layoutItemsOf(records)
  const mine = items.filter((item) => item.areaId !== null && !leave.has(item.id) && isPrivateNote(records.get(item.id)!))
  mine.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1))
  // Only what covers a zone can take a cell in it: each note is checked against its zone's
  // share of the board, not the whole board.
  const inZone = new Map<AreaId, LayoutItem[]>()
  const near = (areaId: AreaId) => {
    let share = inZone.get(areaId)
    if (!share) {
      const zone = found.map.areas[areaId]
      share = items.filter((item) => rectsOverlap(item, zone))
      inZone.set(areaId, share)
    }
    return share
  }
  for (const note of mine) {
    const zone = found.map.areas[note.areaId!]
    const share = near(note.areaId!)
    const others = share.filter((other) => other !== note)
    if (liesInZone(note, zone) && !others.some((other) => rectsOverlap(other, note))) continue
    const spot = spotNear(zone, others, { x: note.x, y: note.y }, { w: note.w, h: note.h })
    if (!liesInZone({ ...spot, w: note.w, h: note.h }, zone)) continue
    moves.set(note.id, spot)
    // Later notes must not take the same cell.
    note.x = spot.x
    note.y = spot.y
    if (!share.includes(note)) share.push(note)
  }
  return moves
}
