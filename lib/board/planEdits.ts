/**
 * What people do with themes and commitments — group notes into a theme, lay a theme out,
 * ungroup or rename it, make a commitment of a note or theme — as pure functions over a
 * board's records. Each returns the records to write (and the ids to remove); the canvas
 * applies them through its editor (one undoable step), the outline straight into the tldraw
 * store, and both sync them through the same Yjs binding. Nothing here needs a browser.
 *
 * Whoever applies them answers for roles: everyone who may edit groups and renames; only
 * facilitators make commitments (the server refuses commitments from anyone else).
 */
import type { TLRecord, TLShape, TLShapeId } from '@tldraw/tlschema'
import { getIndicesAbove, type IndexKey } from '@tldraw/utils'
import type { AreaId } from '../planning/planningModel'
import { isAreaShape, isNoteShape } from './areaOfPoint'
import { BOARD_PAGE_ID } from './docLayout'
import { findFreeSpot } from './freeSpot'
import { readNoteMeta } from './noteMeta'
import { topIndexOf } from './noteRecord'
import {
  COMMITMENT_H,
  COMMITMENT_W,
  THEME_HEADER,
  THEME_PADDING,
  buildCommitmentRecord,
  buildThemeRecord,
  layoutTheme,
} from './planRecords'
import {
  TEXT_MAX,
  TITLE_MAX,
  isCommitmentShape,
  isThemeShape,
  type CommitmentShape,
  type CommitmentShapeProps,
  type CommitmentSource,
  type ThemeShape,
} from './planShapes'
import { plainTextFromRichText } from './richText'
import { areaShapeId } from './template'
import { rectsOverlap, type Rect } from './templateLayout'

export type BoardRecords = ReadonlyMap<string, TLRecord>

/** What an edit writes: records to put (new or changed) and shapes to remove. */
export interface RecordChanges {
  put: TLRecord[]
  remove: TLShapeId[]
}

export type CommitmentFields = Pick<CommitmentShapeProps, 'text' | 'owner' | 'ownerId' | 'due' | 'indicator' | 'status' | 'statusComment'>

type NoteShape = TLShape<'note'>

export function recordMap(records: Iterable<TLRecord>): Map<string, TLRecord> {
  return new Map([...records].map((record) => [record.id, record]))
}

/** The board's records with edits laid over them; remembers which it changed. */
class Draft {
  private readonly changed = new Map<string, TLRecord>()
  constructor(private readonly base: BoardRecords) {}
  get(id: string): TLRecord | undefined {
    return this.changed.get(id) ?? this.base.get(id)
  }
  set(record: TLRecord): void {
    this.changed.set(record.id, record)
  }
  *all(): Iterable<TLRecord> {
    for (const record of this.base.values()) yield this.changed.get(record.id) ?? record
    for (const record of this.changed.values()) if (!this.base.has(record.id)) yield record
  }
  written(): TLRecord[] {
    return [...this.changed.values()]
  }
}

type Records = BoardRecords | Draft

const isShape = (record: TLRecord | undefined): record is TLShape => record?.typeName === 'shape'
const byIndex = (a: TLShape, b: TLShape) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0)
const all = (records: Records): Iterable<TLRecord> => (records instanceof Draft ? records.all() : records.values())

/** The shapes whose parent is `parentId`, in z-order (tldraw's sorted children). */
function childrenOf(records: Records, parentId: string): TLShape[] {
  const children: TLShape[] = []
  for (const record of all(records)) if (isShape(record) && record.parentId === parentId) children.push(record)
  return children.sort(byIndex)
}

function sizeOf(shape: TLShape): { w: number; h: number } {
  if (isNoteShape(shape)) {
    const scale = shape.props.scale || 1
    return { w: 200 * scale, h: (200 + shape.props.growY) * scale }
  }
  const props = shape.props as { w?: unknown; h?: unknown }
  return { w: typeof props.w === 'number' ? props.w : 0, h: typeof props.h === 'number' ? props.h : 0 }
}

function rotate(point: { x: number; y: number }, angle: number): { x: number; y: number } {
  if (!angle) return point
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  return { x: point.x * cos - point.y * sin, y: point.x * sin + point.y * cos }
}

/**
 * A shape's origin and rotation on the page, after its parents' (a theme or frame moves and
 * turns what it holds); null when the chain of parents does not reach a page.
 */
function pageTransform(shape: TLShape, records: Records): { x: number; y: number; rotation: number } | null {
  let point = { x: shape.x, y: shape.y }
  let rotation = shape.rotation
  let parentId: string = shape.parentId
  for (let depth = 0; !parentId.startsWith('page:'); depth++) {
    const parent = records.get(parentId)
    if (depth > 32 || !isShape(parent)) return null
    const turned = rotate(point, parent.rotation)
    point = { x: turned.x + parent.x, y: turned.y + parent.y }
    rotation += parent.rotation
    parentId = parent.parentId
  }
  return { ...point, rotation }
}

/** The box around a shape as drawn on the page (axis-aligned, like tldraw's page bounds). */
function pageBounds(shape: TLShape, records: Records): Rect | null {
  const origin = pageTransform(shape, records)
  if (!origin) return null
  const { w, h } = sizeOf(shape)
  const corners = [
    { x: 0, y: 0 },
    { x: w, y: 0 },
    { x: 0, y: h },
    { x: w, y: h },
  ].map((corner) => {
    const turned = rotate(corner, origin.rotation)
    return { x: turned.x + origin.x, y: turned.y + origin.y }
  })
  const xs = corners.map((c) => c.x)
  const ys = corners.map((c) => c.y)
  return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) }
}

/** The zone of an area, in page space. */
function zoneOf(records: Records, areaId: AreaId | null): Rect | null {
  const area = areaId ? records.get(areaShapeId(areaId)) : undefined
  return isAreaShape(area) ? { x: area.x, y: area.y, w: area.props.w, h: area.props.h } : null
}

/** The area of a theme: its notes' (they carry it in their meta). */
export function themeAreaOfNotes(records: Records, themeId: string): AreaId | null {
  const first = childrenOf(records, themeId).find(isNoteShape)
  return first ? readNoteMeta(first.meta).areaId : null
}

/** What lies in a zone as a block on the page: notes outside themes, themes, commitments. */
function blocksIn(records: Records, zone: Rect, except?: string): Rect[] {
  const blocks: Rect[] = []
  for (const record of all(records)) {
    if (!isShape(record) || record.id === except || !record.parentId.startsWith('page:')) continue
    if (!isNoteShape(record) && !isThemeShape(record) && !isCommitmentShape(record)) continue
    const bounds = pageBounds(record, records)
    if (bounds && rectsOverlap(bounds, zone)) blocks.push(bounds)
  }
  return blocks
}

/**
 * Lays a theme's notes out in its grid and fits the theme around them, inside its zone's
 * width. Returns only what changed, so laying out a tidy theme again returns nothing.
 */
export function layoutThemeRecords(records: BoardRecords, themeId: string): TLRecord[] {
  const draft = new Draft(records)
  relayout(draft, themeId)
  return draft.written()
}

function relayout(draft: Draft, themeId: string): void {
  const theme = draft.get(themeId)
  if (!isThemeShape(theme)) return
  const notes = childrenOf(draft, themeId).filter(isNoteShape)
  const layout = layoutTheme(notes.map((note) => ({ id: note.id, x: note.x, y: note.y, h: sizeOf(note).h })))
  for (const slot of layout.slots) {
    const note = draft.get(slot.id) as NoteShape
    if (note.x !== slot.x || note.y !== slot.y) draft.set({ ...note, x: slot.x, y: slot.y })
  }
  let x = theme.x
  const zone = zoneOf(draft, themeAreaOfNotes(draft, themeId))
  if (zone && x + layout.w > zone.x + zone.w - THEME_PADDING)
    x = Math.max(zone.x + THEME_PADDING, zone.x + zone.w - THEME_PADDING - layout.w)
  if (theme.props.w !== layout.w || theme.props.h !== layout.h || x !== theme.x) {
    draft.set({ ...theme, x, props: { ...theme.props, w: layout.w, h: layout.h } })
  }
}

/**
 * Gathers notes into a new theme where they lie (in the first free place of their zone, or
 * where they were when the zone is full), or — when one of them is already in a theme — into
 * that theme. Null when none of `noteIds` is a note. `themeId` names a new theme.
 */
export function groupNotes(
  records: BoardRecords,
  noteIds: readonly string[],
  title: string,
  options: { themeId?: TLShapeId } = {},
): { themeId: TLShapeId; put: TLRecord[] } | null {
  const draft = new Draft(records)
  const notes = noteIds.map((id) => records.get(id)).filter(isNoteShape)
  if (notes.length === 0) return null
  const existing = notes.map((note) => records.get(note.parentId)).find(isThemeShape)
  let theme: ThemeShape
  if (existing) {
    theme = existing
  } else {
    const bounds = notes.map((note) => pageBounds(note, records)).filter((b): b is Rect => !!b)
    if (bounds.length === 0) return null
    theme = buildThemeRecord({
      id: options.themeId,
      x: Math.min(...bounds.map((b) => b.x)) - THEME_PADDING,
      y: Math.min(...bounds.map((b) => b.y)) - THEME_HEADER,
      title: title.slice(0, TITLE_MAX),
      index: topIndexOf(records.values()),
    })
    draft.set(theme)
  }
  // Into the theme, keeping where each note lies on the page until the theme lays them out.
  const moving = notes.filter((note) => note.parentId !== theme.id)
  const top = childrenOf(draft, theme.id).at(-1)?.index ?? null
  const indices: IndexKey[] = getIndicesAbove(top, moving.length)
  moving.forEach((note, i) => {
    const origin = pageTransform(note, records) ?? { x: note.x, y: note.y, rotation: note.rotation }
    draft.set({ ...note, parentId: theme.id, index: indices[i], x: origin.x - theme.x, y: origin.y - theme.y, rotation: origin.rotation })
  })
  relayout(draft, theme.id)
  if (!existing) moveToFreeSpot(draft, theme.id)
  return { themeId: theme.id, put: draft.written() }
}

/** Puts a new theme where it covers nothing in its zone. */
function moveToFreeSpot(draft: Draft, themeId: string): void {
  const theme = draft.get(themeId)
  const zone = zoneOf(draft, themeAreaOfNotes(draft, themeId))
  if (!isThemeShape(theme) || !zone) return
  const spot = findFreeSpot(zone, blocksIn(draft, zone, themeId), { w: theme.props.w, h: theme.props.h })
  if (spot) draft.set({ ...theme, x: spot.x, y: spot.y })
}

/** Dissolves a theme: its notes stay where they are drawn, on the page, on top. */
export function ungroupThemeRecords(records: BoardRecords, themeId: string): RecordChanges | null {
  if (!isThemeShape(records.get(themeId))) return null
  const children = childrenOf(records, themeId)
  const indices = getIndicesAbove(topIndexOf(records.values()), children.length)
  const put = children.map((child, i) => {
    const origin = pageTransform(child, records) ?? { x: child.x, y: child.y, rotation: child.rotation }
    return { ...child, parentId: BOARD_PAGE_ID, index: indices[i], ...origin } as TLRecord
  })
  return { put, remove: [themeId as TLShapeId] }
}

export function renameThemeRecord(records: BoardRecords, themeId: string, title: string): TLRecord[] {
  const theme = records.get(themeId)
  if (!isThemeShape(theme)) return []
  return [{ ...theme, props: { ...theme.props, title: title.slice(0, TITLE_MAX) } }]
}

/** The text of a note or the title of a theme. */
export function textOfRecord(record: TLRecord | undefined): string {
  if (isNoteShape(record)) return plainTextFromRichText(record.props.richText)
  if (isThemeShape(record)) return record.props.title
  return ''
}

/**
 * What a commitment made from a note or theme was made from: the note, or the theme and its
 * notes, each with its votes of the latest round at this moment.
 */
export function commitmentSources(records: BoardRecords, fromId: string, votes: ReadonlyMap<string, number>): CommitmentSource[] {
  const from = records.get(fromId)
  const clip = (text: string) => text.slice(0, TEXT_MAX)
  if (isNoteShape(from)) return [{ id: from.id, kind: 'note', text: clip(textOfRecord(from)), votes: votes.get(from.id) ?? 0 }]
  if (!isThemeShape(from)) return []
  const notes = childrenOf(records, from.id).filter(isNoteShape)
  return [
    { id: from.id, kind: 'theme', text: clip(from.props.title), votes: votes.get(from.id) ?? 0 },
    ...notes
      .slice(0, 99)
      .map((note) => ({ id: note.id, kind: 'note' as const, text: clip(textOfRecord(note)), votes: votes.get(note.id) ?? 0 })),
  ]
}

/**
 * A new commitment made from a note or theme, in the first free place of the same zone; beside
 * its source when the zone is full (the server's layout keeper then makes room). Null when
 * `fromId` is neither a note nor a theme.
 */
export function commitmentFrom(
  records: BoardRecords,
  fromId: string,
  fields: CommitmentFields,
  votes: ReadonlyMap<string, number>,
  options: { id?: TLShapeId } = {},
): CommitmentShape | null {
  const from = records.get(fromId)
  if (!isNoteShape(from) && !isThemeShape(from)) return null
  const bounds = pageBounds(from, records) ?? { x: from.x, y: from.y, w: 0, h: 0 }
  const areaId = isThemeShape(from) ? themeAreaOfNotes(records, from.id) : readNoteMeta(from.meta).areaId
  const zone = zoneOf(records, areaId)
  const { x, y } = (zone && findFreeSpot(zone, blocksIn(records, zone), { w: COMMITMENT_W, h: COMMITMENT_H })) ?? {
    x: zone ? Math.min(bounds.x, zone.x + zone.w - COMMITMENT_W) : bounds.x + bounds.w + 24,
    y: bounds.y,
  }
  return buildCommitmentRecord({
    id: options.id,
    x,
    y,
    index: topIndexOf(records.values()),
    ...fields,
    sources: commitmentSources(records, fromId, votes),
  })
}

export function updateCommitmentRecord(records: BoardRecords, id: string, fields: Partial<CommitmentFields>): TLRecord[] {
  const commitment = records.get(id)
  if (!isCommitmentShape(commitment)) return []
  return [{ ...commitment, props: { ...commitment.props, ...fields } }]
}
