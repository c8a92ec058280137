/**
 * The board's layout rules checked over a document's records, as a reader of the stored
 * board would: no two notes (or blocks) overlap, every one lies in the zone its area names and
 * under its header, one of no area lies in the tray or covers nothing of the map, and no zone
 * overlaps another or the centre.
 */
import type { TLRecord } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { layoutItemsOf, mapOfRecords } from '../../lib/board/arrangeRecords'
import { readRecords } from '../../lib/board/docLayout'
import { rectsOverlap, ZONE_HEADER, type Rect } from '../../lib/board/templateLayout'

export interface LayoutReport {
  overlaps: string[]
  outside: string[]
  /** Notes of no area outside the tray that cover a zone, card, the loop or the tray. */
  straysCovering: string[]
  mapOverlaps: string[]
  items: number
}

const inside = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x - 0.01 &&
  inner.y >= outer.y - 0.01 &&
  inner.x + inner.w <= outer.x + outer.w + 0.01 &&
  inner.y + inner.h <= outer.y + outer.h + 0.01

export function layoutReport(records: ReadonlyMap<string, TLRecord>): LayoutReport {
  const found = mapOfRecords(records)
  if (!found) throw new Error('the board has no map')
  const { map } = found
  const items = layoutItemsOf(records)
  const report: LayoutReport = { overlaps: [], outside: [], straysCovering: [], mapOverlaps: [], items: items.length }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (rectsOverlap(items[i], items[j])) report.overlaps.push(`${items[i].id} × ${items[j].id}`)
    }
  }
  const shapes: [string, Rect][] = [
    ...Object.entries(map.areas),
    ...Object.entries(map.steps).map(([n, r]): [string, Rect] => [`step ${n}`, r]),
    ['loop', map.loop],
    ['tray', map.tray],
  ]
  for (const item of items) {
    if (item.areaId === null) {
      if (!inside(map.tray, item) && shapes.some(([, rect]) => rectsOverlap(rect, item))) report.straysCovering.push(item.id)
      continue
    }
    const zone = map.areas[item.areaId]
    if (!inside(zone, item) || item.y < zone.y + ZONE_HEADER - 0.01) report.outside.push(`${item.id} (${item.areaId})`)
  }
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      if (rectsOverlap(shapes[i][1], shapes[j][1])) report.mapOverlaps.push(`${shapes[i][0]} × ${shapes[j][0]}`)
    }
  }
  return report
}

export function layoutReportOf(doc: Y.Doc): LayoutReport {
  return layoutReport(readRecords(doc))
}

/** The report with nothing wrong in it, for `toEqual`. */
export function cleanReport(items: number): LayoutReport {
  return { overlaps: [], outside: [], straysCovering: [], mapOverlaps: [], items }
}
