/**
 * Where a block (a new theme, a commitment) fits in a zone without covering what is there:
 * the first free place in reading order (top to bottom, then left to right) under the zone's
 * header, on a grid of GRID units; null when the zone is full (then the block stays where it
 * is, and the server's layout keeper grows the zone and moves what overlaps).
 */
import { ZONE_HEADER, ZONE_PADDING, rectsOverlap, type Rect } from './templateLayout'

const GRID = 24
const MARGIN = 16

export function findFreeSpot(zone: Rect, occupied: readonly Rect[], size: { w: number; h: number }): { x: number; y: number } | null {
  const padded = occupied.map((r) => ({ x: r.x - MARGIN, y: r.y - MARGIN, w: r.w + 2 * MARGIN, h: r.h + 2 * MARGIN }))
  const left = zone.x + ZONE_PADDING
  const right = Math.max(left, zone.x + zone.w - ZONE_PADDING - size.w)
  const top = zone.y + ZONE_HEADER
  const bottom = zone.y + zone.h - ZONE_PADDING - size.h
  for (let y = top; y <= bottom; y += GRID) {
    for (let x = left; x <= right; x += GRID) {
      const candidate = { x, y, w: size.w, h: size.h }
      if (!padded.some((r) => rectsOverlap(r, candidate))) return { x, y }
    }
  }
  return null
}
