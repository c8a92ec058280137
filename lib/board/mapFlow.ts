/**
 * Where the parts of the mind map go once each zone's size is known: one deterministic
 * function, used by new boards, by tidying in the browser and by the server's layout keeper.
 *
 * The map is anchored on the step cards: step 1 and the centre line never move. Step 1's areas
 * sit above it and grow upwards; the external areas form the left column and the internal ones
 * the right column, both top-aligned at a fixed height and pushed outwards when the centre
 * widens; the *Utanför områdena* tray sits under the loop and grows downwards. So a zone that
 * grows moves only what lies beyond it, zones never overlap each other or the centre, and the
 * arrows from each step to its areas stay short.
 */
import type { AreaId, StepNumber } from '../planning/planningModel'
import { NOTE_GAP, NOTE_SIZE, ZONE_HEADER, ZONE_PADDING, type Rect } from './templateLayout'

export interface Size {
  w: number
  h: number
}

export interface MapSizes {
  areas: Record<AreaId, Size>
  tray: Size
}

export interface MapRects {
  areas: Record<AreaId, Rect>
  steps: Record<StepNumber, Rect>
  loop: Rect
  tray: Rect
}

/** Distance between neighbouring grid cells of a zone. */
export const CELL_STEP = NOTE_SIZE + NOTE_GAP
/** The tray carries only its title above its notes. */
export const TRAY_HEADER = 80

export const SIDE_AREAS: Record<'left' | 'right', AreaId[]> = {
  left: ['besokare', 'relationer', 'ekonomi'],
  right: ['personal', 'organisation', 'motesplatser'],
}
export const TOP_AREAS: AreaId[] = ['uppdrag', 'framtid']
export const TRAY_COLUMNS = 4
const SIDE_COLUMNS = 3
const TOP_COLUMNS = 2
const ZONE_GAP = 44
const COLUMN_GAP = 150
const STEP1_SIZE = { w: 620, h: 230 }
const STEP_H = 270
const LOOP_H = 210
const GAPS = { topToStep1: 80, step1ToSteps: 90, stepsToLoop: 70, loopToTray: 44 }

/** A zone `columns` notes wide between its paddings. */
export function widthForColumns(columns: number): number {
  return 2 * ZONE_PADDING + columns * NOTE_SIZE + (columns - 1) * NOTE_GAP
}

/** A zone with `rows` rows of notes under a header `header` tall. */
export function heightForRows(header: number, rows: number): number {
  return header + rows * CELL_STEP - NOTE_GAP + ZONE_PADDING
}

/** How many grid columns fit in a zone `width` wide (at least one). */
export function columnsIn(width: number): number {
  return Math.max(1, Math.floor((width - 2 * ZONE_PADDING + NOTE_GAP) / CELL_STEP))
}

/** The smallest size of an area's zone: room for its header and one row of notes. */
export function baseAreaSize(areaId: AreaId): Size {
  const columns = TOP_AREAS.includes(areaId) ? TOP_COLUMNS : SIDE_COLUMNS
  return { w: widthForColumns(columns), h: heightForRows(ZONE_HEADER, 1) }
}

export function baseTraySize(): Size {
  return { w: widthForColumns(TRAY_COLUMNS), h: heightForRows(TRAY_HEADER, 1) }
}

const STEP_W = widthForColumns(TOP_COLUMNS)
const CENTRE_MIN_W = 2 * STEP_W + ZONE_GAP
/** The centre line (x) and step 1's top (y): the anchors nothing moves. */
const MID_X = widthForColumns(SIDE_COLUMNS) + COLUMN_GAP + CENTRE_MIN_W / 2
const STEP1_Y = heightForRows(ZONE_HEADER, 1) + GAPS.topToStep1
/** The side columns start level with the top zones of an empty board. */
const SIDE_TOP = 0

export function flowMap(sizes: MapSizes): MapRects {
  const areas = {} as Record<AreaId, Rect>
  const [left, right] = TOP_AREAS
  const topW = Math.max(sizes.areas[left].w, sizes.areas[right].w)
  const centreW = Math.max(CENTRE_MIN_W, 2 * topW + ZONE_GAP, sizes.tray.w)
  const topBottom = STEP1_Y - GAPS.topToStep1
  areas[left] = { x: MID_X - ZONE_GAP / 2 - sizes.areas[left].w, y: topBottom - sizes.areas[left].h, ...sizes.areas[left] }
  areas[right] = { x: MID_X + ZONE_GAP / 2, y: topBottom - sizes.areas[right].h, ...sizes.areas[right] }

  const column = (ids: AreaId[], x: (size: Size) => number) => {
    let y = SIDE_TOP
    for (const id of ids) {
      const size = sizes.areas[id]
      areas[id] = { x: x(size), y, w: size.w, h: size.h }
      y += size.h + ZONE_GAP
    }
  }
  column(SIDE_AREAS.left, (size) => MID_X - centreW / 2 - COLUMN_GAP - size.w)
  column(SIDE_AREAS.right, () => MID_X + centreW / 2 + COLUMN_GAP)

  const stepsY = STEP1_Y + STEP1_SIZE.h + GAPS.step1ToSteps
  const steps: Record<StepNumber, Rect> = {
    1: { x: MID_X - STEP1_SIZE.w / 2, y: STEP1_Y, ...STEP1_SIZE },
    2: { x: MID_X - ZONE_GAP / 2 - STEP_W, y: stepsY, w: STEP_W, h: STEP_H },
    3: { x: MID_X + ZONE_GAP / 2, y: stepsY, w: STEP_W, h: STEP_H },
  }
  const loop: Rect = { x: MID_X - CENTRE_MIN_W / 2, y: stepsY + STEP_H + GAPS.stepsToLoop, w: CENTRE_MIN_W, h: LOOP_H }
  const tray: Rect = { x: MID_X - sizes.tray.w / 2, y: loop.y + LOOP_H + GAPS.loopToTray, ...sizes.tray }
  return { areas, steps, loop, tray }
}

/** Everything the map covers. */
export function mapBounds(map: MapRects): Rect {
  const rects = [...Object.values(map.areas), ...Object.values(map.steps), map.loop, map.tray]
  const x = Math.min(...rects.map((r) => r.x))
  const y = Math.min(...rects.map((r) => r.y))
  const right = Math.max(...rects.map((r) => r.x + r.w))
  const bottom = Math.max(...rects.map((r) => r.y + r.h))
  return { x, y, w: right - x, h: bottom - y }
}
