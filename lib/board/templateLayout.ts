/**
 * Geometry of the planning-model mind map, in tldraw page units.
 *
 * The steps sit in the centre column in reading order (1 above, 2 and 3 below it, the
 * continuous-improvement loop under them). Step 1's areas sit above it, the external areas of
 * step 2 form the left column and the internal areas of step 3 the right one, so every arrow
 * from a step to its areas is short and none crosses another. Zones grow with the notes they
 * are given; with none, the whole map has the proportions of a laptop screen.
 */
import { AREAS, type AreaId, type StepNumber } from '../planning/planningModel'

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export interface NoteSlot {
  areaId: AreaId
  /** Position of the note in the order given to {@link layoutTemplate}. */
  index: number
  x: number
  y: number
}

export interface TemplateLayout {
  areas: Record<AreaId, Rect>
  steps: Record<StepNumber, Rect>
  loop: Rect
  notes: NoteSlot[]
  bounds: Rect
}

export const NOTE_SIZE = 200
export const NOTE_GAP = 24
export const ZONE_PADDING = 32
/** Room for an area's title, its guiding question (up to two lines) and the add-idea button. */
export const ZONE_HEADER = 206
const ZONE_GAP = 44
const COLUMN_GAP = 150
/** Side zones hold three notes a row, four when some zone must hold more than six. */
const SIDE_NOTE_COLUMNS = 3
const SIDE_NOTE_COLUMNS_CROWDED = 4
const CROWDED_ZONE = 6
const TOP_NOTE_COLUMNS = 2
const STEP1_SIZE = { w: 620, h: 230 }
const STEP_SIZE_H = 270
const LOOP_H = 210
const CENTRE_GAPS = { topToStep1: 80, step1ToSteps: 90, stepsToLoop: 70 }

const SIDE_COLUMN_AREAS: Record<'left' | 'right', AreaId[]> = {
  left: ['besokare', 'relationer', 'ekonomi'],
  right: ['personal', 'organisation', 'motesplatser'],
}
const TOP_AREAS: AreaId[] = ['uppdrag', 'framtid']

function zoneWidth(columns: number): number {
  return 2 * ZONE_PADDING + columns * NOTE_SIZE + (columns - 1) * NOTE_GAP
}

const TOP_ZONE_W = zoneWidth(TOP_NOTE_COLUMNS)
const CENTRE_W = 2 * TOP_ZONE_W + ZONE_GAP

/**
 * A note's height once its text wraps, estimated without a browser: tldraw notes are 200
 * units wide with 16 units of padding and grow downwards to fit their text. The estimate is
 * deliberately generous (narrow characters per line) so neighbours never overlap.
 */
export function estimateNoteHeight(text: string, fontSize = 18): number {
  const charsPerLine = Math.floor((NOTE_SIZE - 2 * 16) / (fontSize * 0.6))
  let lines = 0
  for (const paragraph of text.split('\n')) {
    lines += Math.max(1, wrapCount(paragraph, charsPerLine))
  }
  return Math.max(NOTE_SIZE, Math.ceil(2 * 16 + lines * fontSize * 1.35 + 8))
}

function wrapCount(paragraph: string, charsPerLine: number): number {
  let lines = 1
  let column = 0
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    const needed = column === 0 ? word.length : column + 1 + word.length
    if (needed <= charsPerLine) {
      column = needed
    } else {
      lines += column === 0 ? 0 : 1
      lines += Math.floor(word.length / (charsPerLine + 1))
      column = word.length % (charsPerLine + 1)
    }
  }
  return lines
}

/** How many notes a row a zone `width` wide holds between its paddings (at least one). */
export function noteColumns(width: number): number {
  return Math.max(1, Math.floor((width - 2 * ZONE_PADDING + NOTE_GAP) / (NOTE_SIZE + NOTE_GAP)))
}

export interface ZonePlan {
  w: number
  h: number
  /** Note offsets from the zone's top-left corner, by index into the caller's list. */
  slots: { index: number; dx: number; dy: number }[]
}

/**
 * A zone's notes in rows of `columns` under its header, each row as tall as its tallest note.
 * The zone is as tall as they need (one empty row when there are none).
 */
export function planZone(columns: number, notes: { index: number; height: number }[]): ZonePlan {
  const rows: { index: number; height: number }[][] = []
  notes.forEach((n, i) => {
    if (i % columns === 0) rows.push([])
    rows[rows.length - 1].push(n)
  })
  const slots: ZonePlan['slots'] = []
  let dy = ZONE_HEADER
  for (const row of rows) {
    row.forEach((n, col) => {
      slots.push({ index: n.index, dx: ZONE_PADDING + col * (NOTE_SIZE + NOTE_GAP), dy })
    })
    dy += Math.max(...row.map((n) => n.height)) + NOTE_GAP
  }
  if (rows.length === 0) dy += NOTE_SIZE + NOTE_GAP
  return { w: zoneWidth(columns), h: dy - NOTE_GAP + ZONE_PADDING, slots }
}

/**
 * Lays out the template for the given notes (each with the area it belongs to and its
 * estimated height). Deterministic: the same input always gives the same geometry.
 */
export function layoutTemplate(notes: { areaId: AreaId; height: number }[] = []): TemplateLayout {
  const byArea = (id: AreaId) => notes.map((n, index) => ({ ...n, index })).filter((n) => n.areaId === id)
  const crowded = AREAS.some((a) => !TOP_AREAS.includes(a.id) && byArea(a.id).length > CROWDED_ZONE)
  const sideColumns = crowded ? SIDE_NOTE_COLUMNS_CROWDED : SIDE_NOTE_COLUMNS
  const sideZoneW = zoneWidth(sideColumns)
  const plans = {} as Record<AreaId, ZonePlan>
  for (const area of AREAS) {
    const columns = TOP_AREAS.includes(area.id) ? TOP_NOTE_COLUMNS : sideColumns
    plans[area.id] = planZone(columns, byArea(area.id))
  }

  const columnHeight = (ids: AreaId[]) =>
    ids.reduce((sum, id) => sum + plans[id].h, 0) + (ids.length - 1) * ZONE_GAP
  const topH = Math.max(...TOP_AREAS.map((id) => plans[id].h))
  const centreH =
    topH +
    CENTRE_GAPS.topToStep1 +
    STEP1_SIZE.h +
    CENTRE_GAPS.step1ToSteps +
    STEP_SIZE_H +
    CENTRE_GAPS.stepsToLoop +
    LOOP_H
  const height = Math.max(columnHeight(SIDE_COLUMN_AREAS.left), columnHeight(SIDE_COLUMN_AREAS.right), centreH)

  const areas = {} as Record<AreaId, Rect>
  const placeColumn = (ids: AreaId[], x: number) => {
    let y = (height - columnHeight(ids)) / 2
    for (const id of ids) {
      areas[id] = { x, y, w: plans[id].w, h: plans[id].h }
      y += plans[id].h + ZONE_GAP
    }
  }
  const centreX = sideZoneW + COLUMN_GAP
  placeColumn(SIDE_COLUMN_AREAS.left, 0)
  placeColumn(SIDE_COLUMN_AREAS.right, centreX + CENTRE_W + COLUMN_GAP)

  const centreTop = (height - centreH) / 2
  TOP_AREAS.forEach((id, i) => {
    // Top zones align on their bottom edge so the arrows from step 1 have equal length.
    areas[id] = {
      x: centreX + i * (TOP_ZONE_W + ZONE_GAP),
      y: centreTop + topH - plans[id].h,
      w: TOP_ZONE_W,
      h: plans[id].h,
    }
  })

  const step1Y = centreTop + topH + CENTRE_GAPS.topToStep1
  const stepsY = step1Y + STEP1_SIZE.h + CENTRE_GAPS.step1ToSteps
  const steps: Record<StepNumber, Rect> = {
    1: { x: centreX + (CENTRE_W - STEP1_SIZE.w) / 2, y: step1Y, w: STEP1_SIZE.w, h: STEP1_SIZE.h },
    2: { x: centreX, y: stepsY, w: TOP_ZONE_W, h: STEP_SIZE_H },
    3: { x: centreX + TOP_ZONE_W + ZONE_GAP, y: stepsY, w: TOP_ZONE_W, h: STEP_SIZE_H },
  }
  const loop: Rect = {
    x: centreX,
    y: stepsY + STEP_SIZE_H + CENTRE_GAPS.stepsToLoop,
    w: CENTRE_W,
    h: LOOP_H,
  }

  const slots: NoteSlot[] = []
  for (const area of AREAS) {
    const zone = areas[area.id]
    for (const slot of plans[area.id].slots) {
      slots.push({ areaId: area.id, index: slot.index, x: zone.x + slot.dx, y: zone.y + slot.dy })
    }
  }
  slots.sort((a, b) => a.index - b.index)

  return {
    areas,
    steps,
    loop,
    notes: slots,
    bounds: { x: 0, y: 0, w: 2 * sideZoneW + CENTRE_W + 2 * COLUMN_GAP, h: height },
  }
}

export function rectContains(rect: Rect, point: { x: number; y: number }): boolean {
  return point.x >= rect.x && point.x <= rect.x + rect.w && point.y >= rect.y && point.y <= rect.y + rect.h
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}
