/**
 * Where a new note goes in an area's zone: the first grid cell, in reading order, that no
 * existing note overlaps. A full zone stacks new notes with a small offset so each stays
 * visible and inside the zone (tidying the zone is a separate command).
 */
import { NOTE_GAP, NOTE_SIZE, ZONE_HEADER, ZONE_PADDING, noteColumns, rectsOverlap, type Rect } from './templateLayout'

export function firstFreeNoteSlot(zone: Rect, occupied: readonly Rect[]): { x: number; y: number } {
  const step = NOTE_SIZE + NOTE_GAP
  const columns = noteColumns(zone.w)
  const rows = Math.max(1, Math.floor((zone.h - ZONE_HEADER - ZONE_PADDING + NOTE_GAP) / step))
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const cell = { x: zone.x + ZONE_PADDING + column * step, y: zone.y + ZONE_HEADER + row * step, w: NOTE_SIZE, h: NOTE_SIZE }
      if (!occupied.some((rect) => rectsOverlap(rect, cell))) return { x: cell.x, y: cell.y }
    }
  }
  const inside = occupied.filter((rect) => rectsOverlap(rect, zone)).length
  const offset = (inside % 8) * 24
  return { x: zone.x + ZONE_PADDING + offset, y: zone.y + ZONE_HEADER + offset }
}
