/**
 * Tidying one area: its notes in reading order (top to bottom, then left to right) in a grid
 * of as many columns as the zone is wide, under the zone's header. The zone grows downwards
 * when the grid needs more room, and never shrinks (what else the facilitator put there keeps
 * its place). Whether the grown zone still fits among its neighbours is the caller's to check.
 */
import { NOTE_GAP, NOTE_SIZE, ZONE_HEADER, ZONE_PADDING, type Rect } from './templateLayout'

export interface ZoneNote {
  id: string
  x: number
  y: number
  /** The note's height (notes grow downwards with their text; width is NOTE_SIZE). */
  h: number
}

export function tidyZone(zone: Rect, notes: readonly ZoneNote[]): { zone: Rect; notes: { id: string; x: number; y: number }[] } {
  const step = NOTE_SIZE + NOTE_GAP
  const columns = Math.max(1, Math.floor((zone.w - 2 * ZONE_PADDING + NOTE_GAP) / step))
  const ordered = [...notes].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1))
  const placed: { id: string; x: number; y: number }[] = []
  let top = zone.y + ZONE_HEADER
  for (let start = 0; start < ordered.length; start += columns) {
    const row = ordered.slice(start, start + columns)
    row.forEach((note, column) => placed.push({ id: note.id, x: zone.x + ZONE_PADDING + column * step, y: top }))
    top += Math.max(...row.map((note) => note.h)) + NOTE_GAP
  }
  const needed = ordered.length === 0 ? 0 : top - NOTE_GAP + ZONE_PADDING - zone.y
  return { zone: { ...zone, h: Math.max(zone.h, needed) }, notes: placed }
}
