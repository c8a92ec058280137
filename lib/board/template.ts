/**
 * The planning-model template as tldraw records: zones for the eight areas, cards for the three
 * steps, the continuous-improvement loop, arrows joining each step to its areas, and optionally
 * the "Åtaganden ur VP 2008" starter notes. Everything but the notes is locked.
 */
import {
  DocumentRecordType,
  PageRecordType,
  TLDOCUMENT_ID,
  createBindingId,
  createShapeId,
  toRichText,
  type TLArrowBinding,
  type TLArrowShape,
  type TLNoteShape,
  type TLPageId,
  type TLRecord,
  type TLShapeId,
} from '@tldraw/tlschema'
import { getIndices, type IndexKey, type JsonObject } from '@tldraw/utils'
import type { Locale } from '../i18n/locales'
import { AREAS, STARTER_NOTES, STEPS, type AreaId, type Perspective, type StepNumber } from '../planning/planningModel'
import {
  AREA_SHAPE_TYPE,
  LOOP_SHAPE_TYPE,
  STEP_SHAPE_TYPE,
  TRAY_SHAPE_TYPE,
  type AreaShape,
  type LoopShape,
  type StepShape,
  type TrayShape,
} from './shapes'
import { estimateNoteHeight, type Rect } from './templateLayout'
import { layoutTemplate } from './boardLayout'
import type { MapRects } from './mapFlow'
import { BOARD_PAGE_ID } from './docLayout'
import { noteMeta } from './noteMeta'
import { buildNoteRecord } from './noteRecord'

/**
 * Version of the template's shapes and layout. 2 added the *Utanför områdena* tray and the
 * map that re-flows as zones grow (./mapFlow.ts); older boards are brought up to it by
 * ./templateMigration.ts when their room loads or their backup is imported.
 */
export const TEMPLATE_VERSION = 2

export { BOARD_PAGE_ID }

/** tldraw colour names used for each perspective's arrows and starter notes. */
export const PERSPECTIVE_COLORS: Record<Perspective, 'blue' | 'orange' | 'green'> = {
  mission: 'blue',
  external: 'orange',
  internal: 'green',
}

export const areaShapeId = (areaId: AreaId): TLShapeId => createShapeId(`area-${areaId}`)
export const stepShapeId = (step: StepNumber): TLShapeId => createShapeId(`step-${step}`)
export const LOOP_SHAPE_ID = createShapeId('loop')
export const TRAY_SHAPE_ID = createShapeId('tray')

export interface TemplateOptions {
  /** Board name, stored as the tldraw document's name. */
  name: string
  /** Language of the starter notes' text. Template labels follow each viewer's language. */
  locale: Locale
  includeStarterNotes: boolean
  /** Creation time written into starter notes' meta; injectable for deterministic tests. */
  now?: number
  /** Further notes, laid out after the starter notes in their zones (e.g. a test's workshop). */
  notes?: TemplateNote[]
}

export interface TemplateNote {
  area: AreaId
  text: string
  color?: TLNoteShape['props']['color']
  /** Extra meta, e.g. `createdBy`. */
  meta?: Record<string, unknown>
}

const STARTER_NOTE_FONT_SIZE = 18

export function buildTemplateRecords(options: TemplateOptions): TLRecord[] {
  const starters = options.includeStarterNotes ? STARTER_NOTES : []
  const extra = options.notes ?? []
  const laidOut = [
    ...starters.map((n) => ({ area: n.area, text: n.text[options.locale] })),
    ...extra.map((n) => ({ area: n.area, text: n.text })),
  ]
  const layout = layoutTemplate(laidOut.map((n) => ({ areaId: n.area, height: estimateNoteHeight(n.text, STARTER_NOTE_FONT_SIZE) })))
  const pageId = BOARD_PAGE_ID
  const map = mapRecords(layout)
  const indices = getIndices(map.length + laidOut.length)
  let next = 0
  const index = () => indices[next++]

  const records: TLRecord[] = [
    DocumentRecordType.create({ id: TLDOCUMENT_ID, name: options.name, gridSize: 10, meta: {} }),
    PageRecordType.create({ id: pageId, name: options.name, index: 'a1' as IndexKey, meta: {} }),
  ]
  for (const record of map) records.push(record.typeName === 'shape' ? { ...record, index: index() } : record)

  const now = options.now ?? Date.now()
  starters.forEach((starter, i) => {
    const slot = layout.notes[i]
    const text = starter.text[options.locale]
    const note = buildNoteRecord({
      id: createShapeId(`starter-${i + 1}`),
      x: slot.x,
      y: slot.y,
      index: index(),
      meta: noteMeta({ areaId: starter.area, createdAt: now, starter: true }),
      size: 's',
      font: 'sans',
      growY: estimateNoteHeight(text, STARTER_NOTE_FONT_SIZE) - 200,
      text,
    })
    records.push(note)
  })
  extra.forEach((extraNote, i) => {
    const slot = layout.notes[starters.length + i]
    records.push(
      buildNoteRecord({
        id: createShapeId(`note-${i + 1}`),
        x: slot.x,
        y: slot.y,
        index: index(),
        meta: { ...noteMeta({ areaId: extraNote.area, createdAt: now }), ...(extraNote.meta as JsonObject | undefined) },
        size: 's',
        font: 'sans',
        color: extraNote.color,
        growY: estimateNoteHeight(extraNote.text, STARTER_NOTE_FONT_SIZE) - 200,
        text: extraNote.text,
      }),
    )
  })

  return records
}

/**
 * The map's own records for this geometry: zones, step cards, loop, tray, and the arrows
 * joining each step to its areas with their bindings. Shapes carry placeholder indices.
 */
export function mapRecords(map: MapRects): TLRecord[] {
  const pageId = BOARD_PAGE_ID
  const index = 'a1' as IndexKey
  const records: TLRecord[] = []
  for (const area of AREAS) {
    const rect = map.areas[area.id]
    records.push(
      lockedShape<AreaShape>(areaShapeId(area.id), AREA_SHAPE_TYPE, rect, pageId, index, { w: rect.w, h: rect.h, areaId: area.id }),
    )
  }
  for (const step of STEPS) {
    const rect = map.steps[step.number]
    records.push(
      lockedShape<StepShape>(stepShapeId(step.number), STEP_SHAPE_TYPE, rect, pageId, index, { w: rect.w, h: rect.h, step: step.number }),
    )
  }
  records.push(lockedShape<LoopShape>(LOOP_SHAPE_ID, LOOP_SHAPE_TYPE, map.loop, pageId, index, { w: map.loop.w, h: map.loop.h }))
  records.push(lockedShape<TrayShape>(TRAY_SHAPE_ID, TRAY_SHAPE_TYPE, map.tray, pageId, index, { w: map.tray.w, h: map.tray.h }))
  for (const arrow of templateArrows(map.steps, map.areas, map.loop)) records.push(...arrowRecords(arrow, pageId, index))
  return records
}

let templateIds: ReadonlySet<string> | null = null

/**
 * True for the records that make up the template itself: the document record, the page, the
 * locked zones, step cards and loop, and their arrows and bindings — not starter notes, which
 * belong to the participants. Only facilitators may change these; the sync server undoes
 * anyone else's change. (Ids do not depend on the board's name or language.)
 */
export function isTemplateRecordId(id: string): boolean {
  templateIds ??= new Set(buildTemplateRecords({ name: '', locale: 'sv', includeStarterNotes: false, now: 0 }).map((r) => r.id))
  return templateIds.has(id)
}

function lockedShape<S extends AreaShape | StepShape | LoopShape | TrayShape>(
  id: TLShapeId,
  type: S['type'],
  rect: Rect,
  parentId: TLPageId,
  index: IndexKey,
  props: S['props'],
): S {
  return {
    id,
    typeName: 'shape',
    type,
    x: rect.x,
    y: rect.y,
    rotation: 0,
    index,
    parentId,
    isLocked: true,
    opacity: 1,
    meta: {},
    props,
  } as S
}

interface TemplateArrow {
  key: string
  from: TLShapeId
  to: TLShapeId
  /** Where the arrow leaves and enters, relative to each shape (0–1); null for the centre. */
  fromAnchor: { x: number; y: number } | null
  toAnchor: { x: number; y: number } | null
  fromRect: Rect
  toRect: Rect
  color: TLArrowShape['props']['color']
  dash: TLArrowShape['props']['dash']
  bend: number
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))

/**
 * Anchors for the arrow from a step to one of its areas: each end sits on the edge facing the
 * other shape, as level with it as the edge allows, so arrows run through the gap between
 * the columns instead of across a neighbouring zone.
 */
function facingAnchors(step: Rect, area: Rect) {
  const stepCentre = centre(step)
  const areaCentre = centre(area)
  const beside = area.x + area.w <= step.x || area.x >= step.x + step.w
  if (!beside) {
    // The area is above the step (step 1's areas): bottom edge of the area, top edge of the step.
    return {
      from: { x: clamp((areaCentre.x - step.x) / step.w, 0.15, 0.85), y: 0 },
      to: { x: clamp((stepCentre.x - area.x) / area.w, 0.15, 0.85), y: 1 },
    }
  }
  const areaIsLeft = areaCentre.x < stepCentre.x
  return {
    from: { x: areaIsLeft ? 0 : 1, y: clamp((areaCentre.y - step.y) / step.h, 0.2, 0.8) },
    to: { x: areaIsLeft ? 1 : 0, y: clamp((stepCentre.y - area.y) / area.h, 0.12, 0.88) },
  }
}

function templateArrows(steps: Record<StepNumber, Rect>, areas: Record<AreaId, Rect>, loop: Rect): TemplateArrow[] {
  const arrows: TemplateArrow[] = []
  for (const area of AREAS) {
    const perspective = STEPS.find((s) => s.number === area.step)!.perspective
    const anchors = facingAnchors(steps[area.step], areas[area.id])
    arrows.push({
      key: `step${area.step}-${area.id}`,
      from: stepShapeId(area.step),
      to: areaShapeId(area.id),
      fromAnchor: anchors.from,
      toAnchor: anchors.to,
      fromRect: steps[area.step],
      toRect: areas[area.id],
      color: PERSPECTIVE_COLORS[perspective],
      dash: 'solid',
      bend: 0,
    })
  }
  // The steps in order, then the loop that closes the cycle: 1 → 2 → 3 → loop → 2.
  const order: [TLShapeId, Rect, TLShapeId, Rect, string, number][] = [
    [stepShapeId(1), steps[1], stepShapeId(2), steps[2], 'step1-step2', 0],
    [stepShapeId(2), steps[2], stepShapeId(3), steps[3], 'step2-step3', 0],
    [stepShapeId(3), steps[3], LOOP_SHAPE_ID, loop, 'step3-loop', -40],
    [LOOP_SHAPE_ID, loop, stepShapeId(2), steps[2], 'loop-step2', -40],
  ]
  for (const [from, fromRect, to, toRect, key, bend] of order) {
    arrows.push({ key, from, to, fromAnchor: null, toAnchor: null, fromRect, toRect, color: 'grey', dash: 'dashed', bend })
  }
  return arrows
}

function centre(rect: Rect) {
  return { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 }
}

function pointOn(rect: Rect, anchor: { x: number; y: number } | null) {
  return anchor ? { x: rect.x + anchor.x * rect.w, y: rect.y + anchor.y * rect.h } : centre(rect)
}

function arrowRecords(arrow: TemplateArrow, parentId: TLPageId, index: IndexKey): TLRecord[] {
  const id = createShapeId(`arrow-${arrow.key}`)
  const start = pointOn(arrow.fromRect, arrow.fromAnchor)
  const end = pointOn(arrow.toRect, arrow.toAnchor)
  const shape: TLArrowShape = {
    id,
    typeName: 'shape',
    type: 'arrow',
    x: start.x,
    y: start.y,
    rotation: 0,
    index,
    parentId,
    isLocked: true,
    opacity: 1,
    meta: {},
    props: {
      kind: 'arc',
      elbowMidPoint: 0.5,
      dash: arrow.dash,
      size: 'l',
      fill: 'none',
      color: arrow.color,
      labelColor: 'black',
      bend: arrow.bend,
      start: { x: 0, y: 0 },
      end: { x: end.x - start.x, y: end.y - start.y },
      arrowheadStart: 'none',
      arrowheadEnd: 'arrow',
      richText: toRichText(''),
      labelPosition: 0.5,
      font: 'sans',
      scale: 1,
    },
  }
  const binding = (terminal: 'start' | 'end', toId: TLShapeId, anchor: { x: number; y: number } | null): TLArrowBinding => ({
    id: createBindingId(`${arrow.key}-${terminal}`),
    typeName: 'binding',
    type: 'arrow',
    fromId: id,
    toId,
    meta: {},
    props: {
      terminal,
      normalizedAnchor: anchor ?? { x: 0.5, y: 0.5 },
      isExact: false,
      isPrecise: anchor !== null,
      snap: 'none',
    },
  })
  return [shape, binding('start', arrow.from, arrow.fromAnchor), binding('end', arrow.to, arrow.toAnchor)]
}
