/**
 * Tidying one area: its notes in reading order (top to bottom, then left to right) in a grid
 * of as many columns as the zone is wide, under the zone's header. The zone grows downwards
 * when the grid needs more room, and never shrinks (what else the facilitator put there keeps
 * its place). Whether the grown zone still fits among its neighbours is the caller's to check.
 */
import { noteColumns, planZone, type Rect } from './templateLayout'

export interface ZoneNote {
  id: string
  x: number
  y: number
  /** The note's height (notes grow downwards with their text; width is NOTE_SIZE). */
  h: number
}

export function tidyZone(zone: Rect, notes: readonly ZoneNote[]): { zone: Rect; notes: { id: string; x: number; y: number }[] } {
  const ordered = [...notes].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1))
  // planZone gives an empty zone a row of room; tidying an empty zone leaves it as it is.
  if (ordered.length === 0) return { zone: { ...zone }, notes: [] }
  const plan = planZone(noteColumns(zone.w), ordered.map((n, index) => ({ index, height: n.h })))
  return {
    zone: { ...zone, h: Math.max(zone.h, plan.h) },
    notes: plan.slots.map((slot) => ({ id: ordered[slot.index].id, x: zone.x + slot.dx, y: zone.y + slot.dy })),
  }
}
