/**
 * The board's layout (./boardLayout.ts) applied to tldraw records: reads the map and the items
 * on it from a board's records, and returns the records that change — moved notes and blocks,
 * and, when the map re-flows, the zones, cards, loop, tray, arrows and their bindings. The
 * server writes them into the doc ({@link arrangeDoc}); the browser applies them through its
 * editor (tidying).
 *
 * What counts as an item: every shape on the page that is a note, a theme or a commitment, or
 * that carries an area in `meta.areaId` and has a size. A block (theme, commitment) moves as a
 * whole, and the shapes inside it (a theme's notes, whose parent it is) move with it, never
 * on their own.
 */
import type { TLArrowBinding, TLArrowShape, TLRecord, TLShape } from '@tldraw/tlschema'
import { getIndexBetween, type IndexKey } from '@tldraw/utils'
import type * as Y from 'yjs'
import { AREAS, STEPS, isAreaId, type AreaId } from '../planning/planningModel'
import { areaOfPoint, isNoteShape, noteCentre, zonesOf } from './areaOfPoint'
import { arrangeBoard, type ArrangeOptions, type Arrangement, type LayoutItem } from './boardLayout'
import { BOARD_PAGE_ID, readRecords, setRecords } from './docLayout'
import { flowMap, baseTraySize, type MapRects } from './mapFlow'
import { readNoteMeta } from './noteMeta'
import { isCommitmentShape, isThemeShape } from './planShapes'
import { LOOP_SHAPE_ID, TRAY_SHAPE_ID, areaShapeId, isTemplateRecordId, mapRecords, stepShapeId } from './template'
import { NOTE_SIZE, type Rect } from './templateLayout'

export interface RecordArrangeOptions extends ArrangeOptions {
  /** Reading order for tidying (lower first), by record id; others follow by creation time. */
  rank?: ReadonlyMap<string, number>
  /**
   * Free cells each zone keeps beyond what lies in it: room for notes the board does not hold
   * yet, a private round's (lib/board/session.ts, `PrivateRoom`). A full zone grows to hold them.
   */
  reserve?: Partial<Record<AreaId, number>>
}

/** The id of a reserved cell's stand-in: never a record's (tldraw's ids have a `shape:` prefix). */
const RESERVED_PREFIX = 'reserved:'

/** Stand-ins for the reserved cells: plain notes arriving from above, after everything else. */
function reservedItems(reserve: Partial<Record<AreaId, number>>): LayoutItem[] {
  const items: LayoutItem[] = []
  for (const area of AREAS) {
    const count = reserve[area.id] ?? 0
    for (let i = 0; i < count; i++) {
      items.push({
        id: `${RESERVED_PREFIX}${area.id}:${i}`,
        areaId: area.id,
        x: -1e6,
        y: -1e6,
        w: NOTE_SIZE,
        h: NOTE_SIZE,
        order: Number.MAX_SAFE_INTEGER,
      })
    }
  }
  return items
}

function isShape(record: TLRecord | undefined): record is TLShape {
  return !!record && record.typeName === 'shape'
}

function rectOf(shape: TLShape | undefined): Rect | null {
  if (!shape) return null
  const props = shape.props as { w?: unknown; h?: unknown }
  if (typeof props.w !== 'number' || typeof props.h !== 'number') return null
  return { x: shape.x, y: shape.y, w: props.w, h: props.h }
}

/** The map as the records have it; null when a zone, card or the loop is missing. The tray may be. */
export function mapOfRecords(records: ReadonlyMap<string, TLRecord>): { map: MapRects; hasTray: boolean } | null {
  const shape = (id: string) => rectOf(records.get(id) as TLShape | undefined)
  const areas = {} as MapRects['areas']
  for (const area of AREAS) {
    const rect = shape(areaShapeId(area.id))
    if (!rect) return null
    areas[area.id] = rect
  }
  const steps = {} as MapRects['steps']
  for (const step of STEPS) {
    const rect = shape(stepShapeId(step.number))
    if (!rect) return null
    steps[step.number] = rect
  }
  const loop = shape(LOOP_SHAPE_ID)
  if (!loop) return null
  const tray = shape(TRAY_SHAPE_ID)
  if (tray) return { map: { areas, steps, loop, tray }, hasTray: true }
  // A board from before the tray: where the flowed map would put one, to be created.
  const sizes = {
    areas: Object.fromEntries(AREAS.map((a) => [a.id, { w: areas[a.id].w, h: areas[a.id].h }])) as Record<AreaId, { w: number; h: number }>,
    tray: baseTraySize(),
  }
  return { map: { areas, steps, loop, tray: flowMap(sizes).tray }, hasTray: false }
}

/** The notes and blocks on the page, as layout items. */
export function layoutItemsOf(records: ReadonlyMap<string, TLRecord>, rank?: ReadonlyMap<string, number>): LayoutItem[] {
  const all = [...records.values()]
  const zones = zonesOf(all)
  const items: LayoutItem[] = []
  for (const record of all) {
    if (!isShape(record) || record.parentId !== BOARD_PAGE_ID || isTemplateRecordId(record.id)) continue
    const meta = (record.meta ?? {}) as Record<string, unknown>
    const createdAt = readNoteMeta(meta).createdAt ?? 0
    const order = rank?.get(record.id) ?? createdAt
    if (isNoteShape(record)) {
      const scale = record.props.scale || 1
      const areaId = Object.hasOwn(meta, 'areaId') ? readNoteMeta(meta).areaId : areaOfPoint(zones, noteCentre(record))
      items.push({
        id: record.id,
        areaId,
        x: record.x,
        y: record.y,
        w: NOTE_SIZE * scale,
        h: (NOTE_SIZE + record.props.growY) * scale,
        order,
      })
      continue
    }
    // A theme or commitment belongs to the zone that holds its centre (lib/board/planShapes.ts);
    // any other shape joins the layout when it names its area.
    const rect = rectOf(record)
    if (!rect) continue
    if (Object.hasOwn(meta, 'areaId')) {
      if (meta.areaId !== null && !isAreaId(meta.areaId)) continue
      items.push({ id: record.id, areaId: (meta.areaId as AreaId | null) ?? null, ...rect, order })
    } else if (isThemeShape(record) || isCommitmentShape(record)) {
      items.push({ id: record.id, areaId: areaOfPoint(zones, { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 }), ...rect, order })
    }
  }
  return items
}

/** The layout's decision for these records, or null for a board without the map. */
export function arrangementOf(records: ReadonlyMap<string, TLRecord>, options: RecordArrangeOptions = {}): Arrangement | null {
  const found = mapOfRecords(records)
  if (!found) return null
  const items = layoutItemsOf(records, options.rank)
  if (!options.reserve) return arrangeBoard(found.map, items, { ...options, reflow: options.reflow || !found.hasTray })
  // The stand-ins always move to free cells (a tidy's own notes may not), and are never written.
  const movable = options.movable ?? (() => true)
  return arrangeBoard(found.map, [...items, ...reservedItems(options.reserve)], {
    ...options,
    reflow: options.reflow || !found.hasTray,
    movable: (id) => id.startsWith(RESERVED_PREFIX) || movable(id),
  })
}

/** The records that change when the board is arranged (none when all is well). */
export function arrangeRecords(records: ReadonlyMap<string, TLRecord>, options: RecordArrangeOptions = {}): TLRecord[] {
  const arrangement = arrangementOf(records, options)
  if (!arrangement) return []
  const changed: TLRecord[] = []
  if (arrangement.mapChanged || !records.has(TRAY_SHAPE_ID)) {
    for (const wanted of mapRecords(arrangement.map)) {
      const existing = records.get(wanted.id)
      const next = existing ? withGeometry(existing, wanted) : { ...wanted, ...(isShape(wanted) ? { index: freshIndex(records) } : {}) }
      if (!existing || JSON.stringify(existing) !== JSON.stringify(next)) changed.push(next as TLRecord)
    }
  }
  for (const [id, position] of arrangement.moves) {
    const record = records.get(id)
    if (isShape(record)) changed.push({ ...record, x: position.x, y: position.y })
  }
  return changed
}

/** Arranges a board's document in the caller's transaction; returns how many records changed. */
export function arrangeDoc(doc: Y.Doc, options: RecordArrangeOptions = {}): number {
  const changed = arrangeRecords(readRecords(doc), options)
  setRecords(doc, changed)
  return changed.length
}

/** An existing map record given the wanted one's geometry; everything else stays as it was. */
function withGeometry(existing: TLRecord, wanted: TLRecord): TLRecord {
  if (existing.typeName === 'binding' && wanted.typeName === 'binding') {
    const props = (wanted as TLArrowBinding).props
    return { ...existing, props: { ...existing.props, normalizedAnchor: props.normalizedAnchor } } as TLRecord
  }
  if (!isShape(existing) || !isShape(wanted)) return existing
  if (wanted.type === 'arrow') {
    const props = (wanted as TLArrowShape).props
    return { ...existing, x: wanted.x, y: wanted.y, props: { ...existing.props, start: props.start, end: props.end } } as TLRecord
  }
  const { w, h } = wanted.props as { w: number; h: number }
  return { ...existing, x: wanted.x, y: wanted.y, props: { ...existing.props, w, h } } as TLRecord
}

/** An index just above the loop's, for a tray added to an older board. */
function freshIndex(records: ReadonlyMap<string, TLRecord>): IndexKey {
  const loop = records.get(LOOP_SHAPE_ID)
  const below = isShape(loop) ? loop.index : null
  let above: IndexKey | null = null
  for (const record of records.values()) {
    if (isShape(record) && below !== null && record.index > below && (above === null || record.index < above)) above = record.index
  }
  return getIndexBetween(below, above)
}
