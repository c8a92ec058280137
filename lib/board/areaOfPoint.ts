/**
 * Which area a note belongs to, decided by geometry: the zone that contains the note's centre.
 * The client stores the answer in the note's meta as the note moves; the read model falls back
 * to this for notes written by clients that did not.
 */
import type { TLRecord, TLShape } from '@tldraw/tlschema'
import type { AreaId } from '../planning/planningModel'
import { AREA_SHAPE_TYPE, type AreaShape } from './shapes'
import { rectContains, type Rect } from './templateLayout'

export interface AreaZone {
  areaId: AreaId
  rect: Rect
}

export function isAreaShape(record: TLRecord | undefined): record is AreaShape {
  return !!record && record.typeName === 'shape' && record.type === AREA_SHAPE_TYPE
}

export function isNoteShape(record: TLRecord | undefined): record is TLShape<'note'> {
  return !!record && record.typeName === 'shape' && record.type === 'note'
}

export function zonesOf(records: Iterable<TLRecord>): AreaZone[] {
  const zones: AreaZone[] = []
  for (const record of records) {
    if (isAreaShape(record)) {
      zones.push({
        areaId: record.props.areaId,
        rect: { x: record.x, y: record.y, w: record.props.w, h: record.props.h },
      })
    }
  }
  return zones
}

/** The note's centre in page space (notes are 200 × (200 + growY), times their scale). */
export function noteCentre(note: TLShape<'note'>): { x: number; y: number } {
  const scale = note.props.scale || 1
  return { x: note.x + 100 * scale, y: note.y + ((200 + note.props.growY) * scale) / 2 }
}

/** The smallest zone containing the point wins, so a zone drawn inside another is reachable. */
export function areaOfPoint(zones: readonly AreaZone[], point: { x: number; y: number }): AreaId | null {
  let best: AreaZone | null = null
  for (const zone of zones) {
    if (!rectContains(zone.rect, point)) continue
    if (!best || zone.rect.w * zone.rect.h < best.rect.w * best.rect.h) best = zone
  }
  return best ? best.areaId : null
}
