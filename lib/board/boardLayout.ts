/**
 * The board's one layout: given the map and what lies on it (notes, and blocks such as themes
 * or commitments that carry an area), it decides where every item goes so that no two items
 * overlap, every item lies in the zone its area names (items of no area in the tray, unless a
 * person left them somewhere free), and zones grow — and the map re-flows — when they fill.
 *
 * Pure and deterministic: items are taken in a fixed order (pinned first, then by `order`,
 * then by id), never in the order given, so concurrent additions applied in any order give
 * the same result. An item's area is never changed here; that is a person's decision alone.
 *
 * Two modes per zone:
 * - keep (the default): what already lies well stays exactly where it is; only misplaced items
 *   move — to the nearest free cell when they were inside the zone, else to the first free cell
 *   in reading order. The zone grows (rows, then columns, keeping a wide shape) only when
 *   nothing is free. With `shrink` it also gives back room: a zone larger than what lies in it
 *   needs loses its empty rows and columns at the bottom and right, down to the smallest size
 *   (never below its base) that holds every item where it lies — so trimming moves no item
 *   within its zone; only the zone, and with it the map, re-flows.
 * - tidy: every item of the zone is laid out afresh in reading order (by `order`), in the most
 *   compact grid whose shape suits the zone.
 */
import { AREAS, type AreaId } from '../planning/planningModel'
import {
  CELL_STEP,
  TOP_AREAS,
  TRAY_HEADER,
  baseAreaSize,
  baseTraySize,
  columnsIn,
  flowMap,
  heightForRows,
  widthForColumns,
  type MapRects,
  type Size,
} from './mapFlow'
import { NOTE_GAP, NOTE_SIZE, ZONE_HEADER, ZONE_PADDING, rectsOverlap, type Rect } from './templateLayout'

export interface LayoutItem {
  id: string
  /** The area the item belongs to, or null for one outside every area. */
  areaId: AreaId | null
  x: number
  y: number
  w: number
  h: number
  /** Precedence and reading order: lower first (creation time, or rank when tidying). */
  order: number
}

export interface ArrangeOptions {
  /** Items someone is working on right now: never moved, not even with their zone when the map re-flows. */
  pinned?: ReadonlySet<string>
  /** Which misplaced items may move (default all). The others are left where they are. */
  movable?: (id: string) => boolean
  /** Zones laid out afresh; 'all' tidies every zone and gathers every stray into the tray. */
  tidy?: ReadonlySet<AreaId> | 'all'
  /** Lay the map out again even when no zone changed size (a template migration). */
  reflow?: boolean
  /**
   * Zones in keep mode (and the tray) shrink to what their items need. The layout keeper's
   * choice, not every caller's: while a private round runs nobody may shrink a zone, since
   * people's private notes lie in cells the board sees as empty.
   */
  shrink?: boolean
}

export interface Arrangement {
  map: MapRects
  /** New positions of the items that move. */
  moves: Map<string, { x: number; y: number }>
  /** Whether any part of the map moved or changed size. */
  mapChanged: boolean
}

/**
 * A zone keeps its shape as it grows: past {@link MIN_ROWS} rows it adds a column once it
 * would be taller than this share of its width. The side zones stack three high, so they grow wide; step 1's two zones
 * sit side by side above it, so they may grow as tall as wide. At 500 notes the whole map
 * then still fits a 16:9 screen above a tenth of full size, and one zone fills it readably.
 */
const SIDE_ASPECT = 0.45
const TOP_ASPECT = 1
/** A zone first grows to this many rows before it widens: a few notes read best as a block. */
const MIN_ROWS = 3
const MAX_COLUMNS = 40
const MAX_ROWS = 400
/**
 * Items taller or wider than this take no part in the layout: neither moved nor in anyone's
 * way. No note or theme a person makes comes near it; a hostile client's note with a height of
 * a billion units would otherwise make every zone it touches that tall to search.
 */
const MAX_ITEM_SIDE = 100 * CELL_STEP
/** Rows below a zone where the browser puts notes for a full zone; the zone grows to take them in. */
const OVERFLOW_ROWS = 3
const EPSILON = 0.5

interface RegionItem extends LayoutItem {
  pinned: boolean
  movable: boolean
}

interface RegionSpec {
  size: Size
  header: number
  base: Size
  growColumns: boolean
  /** Height over width a growing zone keeps below. */
  aspect: number
}

interface RegionResult {
  size: Size
  /** Positions relative to the zone's corner of the items that lie in it afterwards. */
  placed: Map<string, { x: number; y: number }>
}

const byPrecedence = (a: RegionItem, b: RegionItem) =>
  Number(b.pinned) - Number(a.pinned) || a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const finite = (item: LayoutItem) =>
  [item.x, item.y, item.w, item.h, item.order].every(Number.isFinite) &&
  item.w > 0 &&
  item.h > 0 &&
  item.w <= MAX_ITEM_SIDE &&
  item.h <= MAX_ITEM_SIDE

/** A zone's size as the document gives it, within what the layout itself would ever make. */
function boundedSize(size: Size, header: number): Size {
  const w = Number.isFinite(size.w) ? size.w : 0
  const h = Number.isFinite(size.h) ? size.h : 0
  return { w: Math.min(w, widthForColumns(MAX_COLUMNS)), h: Math.min(h, heightForRows(header, MAX_ROWS) + MAX_ITEM_SIDE) }
}

/**
 * The rects taken in a zone, indexed by bands of one grid row, so that whether a cell is free
 * is answered from the few rects in its rows rather than from all of them: a zone or tray of
 * thousands of notes (a flood from one client, say) is then searched in time linear in its
 * cells, not in cells times notes.
 */
class Taken {
  private readonly bands = new Map<number, Rect[]>()

  constructor(rects: Iterable<Rect> = []) {
    for (const rect of rects) this.add(rect)
  }

  add(rect: Rect): void {
    for (let band = Math.floor(rect.y / CELL_STEP); band <= Math.floor((rect.y + rect.h) / CELL_STEP); band++) {
      const list = this.bands.get(band)
      if (list) list.push(rect)
      else this.bands.set(band, [rect])
    }
  }

  overlaps(cell: Rect): boolean {
    for (let band = Math.floor(cell.y / CELL_STEP); band <= Math.floor((cell.y + cell.h) / CELL_STEP); band++) {
      const list = this.bands.get(band)
      if (list && list.some((rect) => rectsOverlap(rect, cell))) return true
    }
    return false
  }
}

export function arrangeBoard(map: MapRects, items: readonly LayoutItem[], options: ArrangeOptions = {}): Arrangement {
  const pinned = options.pinned ?? new Set<string>()
  const movable = options.movable ?? (() => true)
  const shrink = options.shrink ?? false
  const tidyAll = options.tidy === 'all'
  const tidies = (id: AreaId) => tidyAll || (options.tidy !== undefined && options.tidy !== 'all' && options.tidy.has(id))
  const all: RegionItem[] = items.filter(finite).map((item) => ({ ...item, pinned: pinned.has(item.id), movable: movable(item.id) }))

  const results = {} as Record<AreaId, RegionResult>
  for (const area of AREAS) {
    const zone = map.areas[area.id]
    const members = all.filter((item) => item.areaId === area.id).map((item) => relative(item, zone))
    const aspect = TOP_AREAS.includes(area.id) ? TOP_ASPECT : SIDE_ASPECT
    const spec: RegionSpec = {
      size: boundedSize(zone, ZONE_HEADER),
      header: ZONE_HEADER,
      base: baseAreaSize(area.id),
      growColumns: true,
      aspect,
    }
    results[area.id] = tidies(area.id) ? tidyRegion(spec, members) : keepRegion(spec, members, shrink)
  }

  const strays = all.filter((item) => item.areaId === null)
  const inTray = (item: LayoutItem) => centreInside(item, map.tray)
  const traySpec = (size: Size): RegionSpec => ({
    size: boundedSize(size, TRAY_HEADER),
    header: TRAY_HEADER,
    base: baseTraySize(),
    growColumns: false,
    aspect: 0,
  })
  const trayMembers = strays.filter((item) => tidyAll || inTray(item)).map((item) => relative(item, map.tray))
  let tray = tidyAll ? tidyRegion(traySpec(map.tray), trayMembers) : keepRegion(traySpec(map.tray), trayMembers, shrink)

  const sizeOf = (r: RegionResult) => r.size
  const sizes = { areas: Object.fromEntries(AREAS.map((a) => [a.id, sizeOf(results[a.id])])) as Record<AreaId, Size>, tray: tray.size }
  const resized = [...AREAS.map((a) => [map.areas[a.id], sizes.areas[a.id]] as const), [map.tray, sizes.tray] as const].some(
    ([rect, size]) => rect.w !== size.w || rect.h !== size.h,
  )
  let next = resized || options.reflow || options.tidy !== undefined ? flowMap(sizes) : map

  // Strays left in the open stay where a person put them, unless they cover something.
  if (!tidyAll) {
    const free = strays.filter((item) => !inTray(item)).sort(byPrecedence)
    const taken = new Taken()
    const shapes = mapShapes(next)
    const occupied = (rect: Rect) => shapes.some((other) => rectsOverlap(other, rect)) || taken.overlaps(rect)
    const toTray: RegionItem[] = []
    for (const item of free) {
      if (!item.pinned && item.movable && occupied(item)) toTray.push(item)
      else taken.add(item)
    }
    if (toTray.length > 0) {
      // Placed from outside the tray: in reading order after what it holds.
      const arriving = toTray.map((item) => ({ ...item, x: 0, y: -item.h }))
      tray = keepRegion(traySpec(next.tray), [...trayMembers, ...arriving], shrink)
      if (tray.size.h !== next.tray.h || tray.size.w !== next.tray.w) {
        next = flowMap({ areas: sizes.areas, tray: tray.size })
      }
    }
  }

  const moves = new Map<string, { x: number; y: number }>()
  const byId = new Map(all.map((item) => [item.id, item]))
  const settle = (result: RegionResult, zone: Rect) => {
    for (const [id, rel] of result.placed) {
      const item = byId.get(id)!
      // Not even with its zone when the map re-flows: a write to a record someone is typing in
      // or dragging could win over theirs. It joins the zone once they let go.
      if (item.pinned) continue
      const x = zone.x + rel.x
      const y = zone.y + rel.y
      if (Math.abs(x - item.x) > EPSILON || Math.abs(y - item.y) > EPSILON) moves.set(id, { x, y })
    }
  }
  for (const area of AREAS) settle(results[area.id], next.areas[area.id])
  settle(tray, next.tray)
  return { map: next, moves, mapChanged: next !== map && !sameMap(next, map) }
}

function relative(item: RegionItem, zone: Rect): RegionItem {
  return { ...item, x: item.x - zone.x, y: item.y - zone.y }
}

function centreInside(item: LayoutItem, rect: Rect): boolean {
  const cx = item.x + item.w / 2
  const cy = item.y + item.h / 2
  return cx >= rect.x && cx <= rect.x + rect.w && cy >= rect.y && cy <= rect.y + rect.h
}

/** What a stray in the open must not cover: the zones (and the notes in them), step cards, loop and tray. */
function mapShapes(map: MapRects): Rect[] {
  return [...Object.values(map.areas), ...Object.values(map.steps), map.loop, map.tray]
}

function sameMap(a: MapRects, b: MapRects): boolean {
  const rects = (m: MapRects) => [...AREAS.map((x) => m.areas[x.id]), m.steps[1], m.steps[2], m.steps[3], m.loop, m.tray]
  const ra = rects(a)
  const rb = rects(b)
  return ra.every((r, i) => r.x === rb[i].x && r.y === rb[i].y && r.w === rb[i].w && r.h === rb[i].h)
}

/** Whether an item lies in the zone's note area (it may hang below it: the zone then grows). */
function liesIn(item: Rect, size: Size, header: number, slackBelow: number): boolean {
  return item.x >= -EPSILON && item.x + item.w <= size.w + EPSILON && item.y >= header - EPSILON && item.y <= size.h + slackBelow
}

function keepRegion(spec: RegionSpec, members: readonly RegionItem[], shrink: boolean): RegionResult {
  const size = { ...spec.size }
  const placed = new Map<string, { x: number; y: number }>()
  const taken = new Taken()
  const todo: RegionItem[] = []
  const slack = OVERFLOW_ROWS * CELL_STEP
  /** What is placed for good this pass; a pinned item only blocks cells, it displaces nothing. */
  const settled = new Taken()
  let bottom = 0
  /** How far right and down what lies in the zone reaches (with the padding): what it needs. */
  const reach = { w: 0, h: 0 }
  const reaches = (rect: Rect) => {
    reach.w = Math.max(reach.w, rect.x + rect.w + ZONE_PADDING)
    reach.h = Math.max(reach.h, rect.y + rect.h + ZONE_PADDING)
  }
  for (const item of [...members].sort(byPrecedence)) {
    const inside = liesIn(item, size, spec.header, slack)
    // A note under one someone is dragging waits: once they let go, the later of the two moves.
    const clear = !settled.overlaps(item)
    if (inside && (clear || item.pinned || !item.movable)) {
      if (!item.pinned) settled.add(item)
      taken.add(item)
      bottom = Math.max(bottom, item.y + item.h + ZONE_PADDING)
      reaches(item)
      placed.set(item.id, { x: item.x, y: item.y })
    } else if (!item.pinned && item.movable) {
      todo.push(item)
    }
  }
  size.h = Math.max(size.h, bottom)
  size.w = Math.max(size.w, spec.base.w)
  size.h = Math.max(size.h, spec.base.h)

  // Cells only fill as items are placed, so the search in reading order for an item of a size
  // goes on from where it last found one (until the zone widens, which frees cells above);
  // and once an item finds no room even in a zone grown to its limit, no item as large will.
  const resume = new Map<string, { x: number; y: number }>()
  let resumeWidth = size.w
  let noRoomFor: Rect | null = null
  for (const item of todo) {
    if (noRoomFor && item.w >= noRoomFor.w && item.h >= noRoomFor.h) continue
    const wasInside = centreInside(item, { x: 0, y: spec.header, w: size.w, h: size.h - spec.header })
    const kind = `${item.w}×${item.h}`
    for (let attempt = 0; ; attempt++) {
      if (size.w !== resumeWidth) {
        resume.clear()
        resumeWidth = size.w
      }
      const spot = freeSpot(size, spec.header, taken, item, wasInside ? item : null, resume.get(kind))
      if (spot) {
        taken.add({ ...spot, w: item.w, h: item.h })
        settled.add({ ...spot, w: item.w, h: item.h })
        placed.set(item.id, spot)
        reaches({ ...spot, w: item.w, h: item.h })
        if (!wasInside) resume.set(kind, spot)
        break
      }
      if (!wasInside) resume.set(kind, { x: size.w, y: lastRowTop(size, spec.header, item) })
      if (!grow(size, spec, item) || attempt > MAX_COLUMNS + MAX_ROWS) {
        noRoomFor = item
        break
      }
    }
  }
  return { size: shrink ? trimmed(size, spec, reach) : size, placed }
}

/**
 * The smallest size, within `size`, that still holds what reaches `reach`: whole columns wide
 * (the grid's), as tall as the lowest item needs, never below the zone's base. Only empty rows
 * and columns at the bottom and right go, so nothing has to move; and as it depends only on
 * where the items lie, a second pass over its result finds nothing more to trim.
 */
function trimmed(size: Size, spec: RegionSpec, reach: Size): Size {
  const columns = Math.ceil((reach.w - 2 * ZONE_PADDING + NOTE_GAP - EPSILON) / CELL_STEP)
  const w = Math.max(spec.base.w, columns > 0 ? widthForColumns(columns) : 0)
  const h = Math.max(spec.base.h, reach.h)
  return { w: Math.min(size.w, w), h: Math.min(size.h, h) }
}

/** The top of the last row of cells where `item` fits in a zone of `size` (where a search that found nothing ended). */
function lastRowTop(size: Size, header: number, item: Rect): number {
  const rows = Math.floor((size.h - ZONE_PADDING + EPSILON - item.h - header) / CELL_STEP)
  return header + Math.max(0, rows) * CELL_STEP
}

/** Makes a full zone one row taller, or one column wider when it would get too tall; false at the limits. */
function grow(size: Size, spec: RegionSpec, item: Rect): boolean {
  const columns = columnsIn(size.w)
  const rows = Math.floor((size.h - spec.header - ZONE_PADDING + NOTE_GAP) / CELL_STEP)
  const tooNarrow = item.w > size.w - 2 * ZONE_PADDING
  const wantColumn = spec.growColumns && (tooNarrow || (rows >= MIN_ROWS && size.h + CELL_STEP > spec.aspect * size.w))
  if (wantColumn && columns < MAX_COLUMNS) {
    size.w = widthForColumns(columns + 1)
    return true
  }
  if (rows >= MAX_ROWS || tooNarrow) return false
  size.h = Math.max(size.h, heightForRows(spec.header, rows + 1))
  return true
}

/**
 * A free grid cell for `item` in a zone of `size`: the nearest to `near` when given, else the
 * first in reading order; null when none is free.
 */
function freeSpot(
  size: Size,
  header: number,
  taken: Taken,
  item: Rect,
  near: Rect | null,
  from: { x: number; y: number } = { x: ZONE_PADDING, y: header },
): { x: number; y: number } | null {
  let best: { x: number; y: number } | null = null
  let bestDistance = Number.POSITIVE_INFINITY
  for (let y = near ? header : from.y; y + item.h <= size.h - ZONE_PADDING + EPSILON; y += CELL_STEP) {
    for (let x = !near && y === from.y ? from.x : ZONE_PADDING; x + item.w <= size.w - ZONE_PADDING + EPSILON; x += CELL_STEP) {
      const cell = { x, y, w: item.w, h: item.h }
      if (taken.overlaps(cell)) continue
      if (!near) return { x, y }
      const distance = Math.hypot(x - near.x, y - near.y)
      if (distance < bestDistance) {
        best = { x, y }
        bestDistance = distance
      }
    }
  }
  return best
}

/**
 * Lays a zone's items out afresh in reading order, in rows under the header, choosing the
 * fewest columns (at least the zone's base) that keep the zone no taller than wide allows.
 */
function tidyRegion(spec: RegionSpec, members: readonly RegionItem[]): RegionResult {
  const ordered = [...members].filter((item) => !item.pinned).sort(byPrecedence)
  const minColumns = columnsIn(spec.base.w)
  const widest = Math.max(0, ...ordered.map((item) => Math.ceil((item.w + NOTE_GAP) / CELL_STEP)))
  let columns = Math.max(minColumns, widest)
  let packed = pack(ordered, columns, spec.header)
  // A long note sets the zone's least height: widening the zone past what it needs to hold the
  // rest beside it would only add empty space.
  const tallest = spec.header + Math.max(0, ...ordered.map((item) => item.h)) + CELL_STEP + ZONE_PADDING
  while (
    spec.growColumns &&
    columns < Math.min(MAX_COLUMNS, Math.max(minColumns, ordered.length)) &&
    packed.rows > MIN_ROWS &&
    packed.height > Math.max(spec.aspect * widthForColumns(columns), tallest)
  ) {
    columns++
    packed = pack(ordered, columns, spec.header)
  }
  const size = { w: widthForColumns(columns), h: Math.max(spec.base.h, packed.height) }
  return { size, placed: packed.placed }
}

/**
 * Items in reading order, each in the first free grid cell (top to bottom, then left to right)
 * of a zone `columns` wide, so short notes fill in beside a long one instead of leaving its
 * row empty. Returns the zone height it needs and how many rows of cells it uses.
 */
function pack(items: readonly RegionItem[], columns: number, header: number) {
  const placed = new Map<string, { x: number; y: number }>()
  const taken = new Taken()
  const width = widthForColumns(columns)
  let bottom = header
  // As in keepRegion: the search for an item of a size goes on from where the last one went.
  const resume = new Map<string, { x: number; y: number }>()
  for (const item of items) {
    const room = { w: width, h: Math.max(bottom, header) + item.h + CELL_STEP + ZONE_PADDING }
    const kind = `${item.w}×${item.h}`
    const found = freeSpot(room, header, taken, item, null, resume.get(kind))
    if (found) resume.set(kind, found)
    const spot = found ?? { x: ZONE_PADDING, y: bottom + NOTE_GAP }
    placed.set(item.id, spot)
    taken.add({ ...spot, w: item.w, h: item.h })
    bottom = Math.max(bottom, spot.y + item.h)
  }
  const height = items.length === 0 ? heightForRows(header, 1) : bottom + ZONE_PADDING
  return { placed, height, rows: Math.ceil((bottom - header + NOTE_GAP) / CELL_STEP) }
}

/** Where the browser puts a new note for a zone: the first free cell, or below the zone's last row when it is full. */
export function spotForNewNote(zone: Rect, taken: readonly Rect[], size: Size = { w: NOTE_SIZE, h: NOTE_SIZE }): { x: number; y: number } {
  return spotInZone(zone, taken, size, null)
}

/**
 * Where the browser puts a note someone dropped at `at` in a zone (the note tool): where it is
 * when that place is free and inside the zone, else the free cell nearest to it, else below
 * the zone's last row (the server grows the zone to take it in).
 */
export function spotNear(
  zone: Rect,
  taken: readonly Rect[],
  at: { x: number; y: number },
  size: Size = { w: NOTE_SIZE, h: NOTE_SIZE },
): { x: number; y: number } {
  const here = { ...at, ...size }
  const inside =
    here.x >= zone.x + ZONE_PADDING - EPSILON &&
    here.x + here.w <= zone.x + zone.w - ZONE_PADDING + EPSILON &&
    here.y >= zone.y + ZONE_HEADER - EPSILON &&
    here.y + here.h <= zone.y + zone.h + EPSILON
  if (inside && !taken.some((rect) => rectsOverlap(rect, here))) return at
  return spotInZone(zone, taken, size, { x: at.x - zone.x, y: at.y - zone.y, ...size })
}

function spotInZone(zone: Rect, taken: readonly Rect[], size: Size, near: Rect | null): { x: number; y: number } {
  const relTaken = new Taken(taken.map((rect) => ({ ...rect, x: rect.x - zone.x, y: rect.y - zone.y })))
  // The nearest free cell inside the zone; failing that (and for a new note, where the first
  // free cell in reading order is wanted) the zone and the rows under it, in reading order.
  const inZone = near ? freeSpot({ w: zone.w, h: zone.h }, ZONE_HEADER, relTaken, { x: 0, y: 0, ...size }, near) : null
  if (inZone) return { x: zone.x + inZone.x, y: zone.y + inZone.y }
  const room = { w: zone.w, h: Math.max(zone.h, heightForRows(ZONE_HEADER, 1)) + (OVERFLOW_ROWS + 1) * CELL_STEP }
  const spot = freeSpot(room, ZONE_HEADER, relTaken, { x: 0, y: 0, ...size }, null)
  return spot ? { x: zone.x + spot.x, y: zone.y + spot.y } : { x: zone.x + ZONE_PADDING, y: zone.y + zone.h }
}

export interface TemplateLayout extends MapRects {
  /** Where each of the given notes goes, by its index in the given list. */
  notes: { areaId: AreaId; index: number; x: number; y: number }[]
}

/**
 * The map of a new board holding these notes (the starter notes), each in its area in the
 * given order. Without notes: every zone at its smallest.
 */
export function layoutTemplate(notes: readonly { areaId: AreaId; height: number }[] = []): TemplateLayout {
  const base = flowMap({
    areas: Object.fromEntries(AREAS.map((a) => [a.id, baseAreaSize(a.id)])) as Record<AreaId, Size>,
    tray: baseTraySize(),
  })
  const items: LayoutItem[] = notes.map((note, index) => ({
    id: String(index),
    areaId: note.areaId,
    x: -1e6,
    y: -1e6,
    w: NOTE_SIZE,
    h: note.height,
    order: index,
  }))
  const { map, moves } = arrangeBoard(base, items, { tidy: 'all' })
  return {
    ...map,
    notes: notes.map((note, index) => ({ areaId: note.areaId, index, ...moves.get(String(index))! })),
  }
}
