import { createShapeId, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { readNoteMeta } from '@/lib/board/noteMeta'
import { plainTextFromRichText } from '@/lib/board/richText'
import {
  COMMITMENT_SHAPE_TYPE,
  THEME_SHAPE_TYPE,
  TEXT_MAX,
  TITLE_MAX,
  type CommitmentShape,
  type CommitmentShapeProps,
  type CommitmentSource,
  type ThemeShape,
} from '@/lib/board/planShapes'
import { COMMITMENT_H, COMMITMENT_W, THEME_HEADER, THEME_PADDING, layoutTheme } from '@/lib/board/planRecords'
import { areaShapeId } from '@/lib/board/template'
import { findFreeSpot } from '@/lib/board/freeSpot'
import { rectsOverlap, type Rect } from '@/lib/board/templateLayout'
import type { AreaShape } from '@/lib/board/shapes'
import type { AreaId } from '@/lib/planning/planningModel'

/**
 * What people do with themes and commitments on the canvas, as editor operations: each is one
 * undoable step, and each writes only records its author's role may write (the server checks).
 */

const isNote = (shape: TLShape | undefined): shape is TLShape<'note'> => shape?.type === 'note'
export const isTheme = (shape: TLShape | undefined): shape is ThemeShape => shape?.type === THEME_SHAPE_TYPE
export const isCommitment = (shape: TLShape | undefined): shape is CommitmentShape => shape?.type === COMMITMENT_SHAPE_TYPE

/** The zone of an area, in page space. */
function zoneOf(editor: Editor, areaId: AreaId | null) {
  const area = areaId ? editor.getShape<AreaShape>(areaShapeId(areaId)) : undefined
  return area ? { x: area.x, y: area.y, w: area.props.w, h: area.props.h } : null
}

/** The area of a theme: its notes' (they carry it in their meta). */
export function themeArea(editor: Editor, themeId: TLShapeId): AreaId | null {
  const first = editor.getSortedChildIdsForParent(themeId).map((id) => editor.getShape(id)).find(isNote)
  return first ? readNoteMeta(first.meta).areaId : null
}

/**
 * Lays a theme's notes out in its grid and fits the theme around them; keeps it inside its
 * zone's width. Writes only what changed, so running it again changes nothing.
 */
export function relayoutTheme(editor: Editor, themeId: TLShapeId): void {
  const theme = editor.getShape(themeId)
  if (!isTheme(theme)) return
  const children = editor
    .getSortedChildIdsForParent(themeId)
    .map((id) => editor.getShape(id))
    .filter(isNote)
  const layout = layoutTheme(
    children.map((note) => ({ id: note.id, x: note.x, y: note.y, h: (200 + note.props.growY) * (note.props.scale || 1) })),
  )
  const updates: { id: TLShapeId; type: string; x?: number; y?: number; props?: Record<string, number> }[] = []
  for (const slot of layout.slots) {
    const note = editor.getShape(slot.id as TLShapeId)!
    if (note.x !== slot.x || note.y !== slot.y) updates.push({ id: note.id, type: 'note', x: slot.x, y: slot.y })
  }
  let x = theme.x
  const zone = zoneOf(editor, themeArea(editor, themeId))
  if (zone && x + layout.w > zone.x + zone.w - THEME_PADDING) x = Math.max(zone.x + THEME_PADDING, zone.x + zone.w - THEME_PADDING - layout.w)
  if (theme.props.w !== layout.w || theme.props.h !== layout.h || x !== theme.x) {
    updates.push({ id: themeId, type: THEME_SHAPE_TYPE, x, props: { w: layout.w, h: layout.h } })
  }
  if (updates.length > 0) editor.updateShapes(updates as never)
}

/**
 * Gathers notes into a new theme where they lie (the theme takes the place of the first of
 * them), or — when one of them is already in a theme — into that theme. Returns the theme.
 */
export function groupIntoTheme(editor: Editor, ids: readonly TLShapeId[], title: string): TLShapeId | null {
  const notes = ids.map((id) => editor.getShape(id)).filter(isNote)
  if (notes.length === 0 || editor.getIsReadonly()) return null
  const existing = notes.map((note) => editor.getShape(note.parentId as TLShapeId)).find(isTheme)
  editor.markHistoryStoppingPoint('group into theme')
  let themeId = existing?.id ?? null
  editor.run(() => {
    if (!themeId) {
      const bounds = notes.map((note) => editor.getShapePageBounds(note)!).filter(Boolean)
      const x = Math.min(...bounds.map((b) => b.x)) - THEME_PADDING
      const y = Math.min(...bounds.map((b) => b.y)) - THEME_HEADER
      themeId = createShapeId()
      editor.createShape({ id: themeId, type: THEME_SHAPE_TYPE, x, y, props: { title: title.slice(0, TITLE_MAX) } })
    }
    const moving = notes.filter((note) => note.parentId !== themeId).map((note) => note.id)
    if (moving.length > 0) editor.reparentShapes(moving, themeId)
    relayoutTheme(editor, themeId)
    if (!existing) moveToFreeSpot(editor, themeId)
    editor.select(themeId)
  })
  return themeId
}

/** The page bounds of what lies in a zone as a block: notes outside themes, themes, commitments. */
function blocksIn(editor: Editor, zone: Rect, except?: TLShapeId): Rect[] {
  const pageId = editor.getCurrentPageId()
  return editor
    .getCurrentPageShapes()
    .filter((shape) => shape.id !== except && shape.parentId === pageId && (shape.type === 'note' || isTheme(shape) || isCommitment(shape)))
    .map((shape) => editor.getShapePageBounds(shape))
    .filter((b): b is NonNullable<typeof b> => !!b && rectsOverlap(b, zone))
    .map((b) => ({ x: b.x, y: b.y, w: b.w, h: b.h }))
}

/** Puts a new theme where it covers nothing in its zone. */
function moveToFreeSpot(editor: Editor, themeId: TLShapeId): void {
  const theme = editor.getShape(themeId)
  const zone = zoneOf(editor, themeArea(editor, themeId))
  if (!isTheme(theme) || !zone) return
  const spot = findFreeSpot(zone, blocksIn(editor, zone, themeId), { w: theme.props.w, h: theme.props.h })
  if (spot) editor.updateShape({ id: themeId, type: THEME_SHAPE_TYPE, x: spot.x, y: spot.y })
}

/** Dissolves a theme: its notes stay where they are, on the page. */
export function ungroupTheme(editor: Editor, themeId: TLShapeId): void {
  if (!isTheme(editor.getShape(themeId))) return
  editor.markHistoryStoppingPoint('ungroup theme')
  editor.run(() => {
    const children = editor.getSortedChildIdsForParent(themeId)
    editor.reparentShapes(children, editor.getCurrentPageId())
    editor.deleteShapes([themeId])
    editor.select(...children)
  })
}

export function renameTheme(editor: Editor, themeId: TLShapeId, title: string): void {
  editor.updateShape({ id: themeId, type: THEME_SHAPE_TYPE, props: { title: title.slice(0, TITLE_MAX) } })
}

/** The text of a note or the title of a theme. */
export function textOfShape(editor: Editor, shape: TLShape): string {
  if (isNote(shape)) return plainTextFromRichText(shape.props.richText)
  if (isTheme(shape)) return shape.props.title
  return ''
}

/**
 * What a commitment made from `shape` was made from: the note, or the theme and its notes, each
 * with its votes of the latest round at this moment.
 */
export function sourcesOf(editor: Editor, shape: TLShape, votes: ReadonlyMap<string, number>): CommitmentSource[] {
  const clip = (text: string) => text.slice(0, TEXT_MAX)
  if (isNote(shape)) return [{ id: shape.id, kind: 'note', text: clip(textOfShape(editor, shape)), votes: votes.get(shape.id) ?? 0 }]
  if (!isTheme(shape)) return []
  const notes = editor.getSortedChildIdsForParent(shape.id).map((id) => editor.getShape(id)).filter(isNote)
  return [
    { id: shape.id, kind: 'theme', text: clip(shape.props.title), votes: votes.get(shape.id) ?? 0 },
    ...notes.slice(0, 99).map((note) => ({ id: note.id, kind: 'note' as const, text: clip(textOfShape(editor, note)), votes: votes.get(note.id) ?? 0 })),
  ]
}

export type CommitmentFields = Pick<CommitmentShapeProps, 'text' | 'owner' | 'ownerId' | 'due' | 'indicator' | 'status' | 'statusComment'>

/**
 * A new commitment beside the note or theme it comes from, inside the same zone: to its right
 * when there is room, otherwise below it. Facilitators only (the server refuses others).
 */
export function createCommitment(editor: Editor, from: TLShape, fields: CommitmentFields, votes: ReadonlyMap<string, number>): TLShapeId {
  const bounds = editor.getShapePageBounds(from)!
  const areaId = isTheme(from) ? themeArea(editor, from.id) : isNote(from) ? readNoteMeta(from.meta).areaId : null
  const zone = zoneOf(editor, areaId)
  // Beside its source when the zone has no free place; the server's layout keeper then makes room.
  const { x, y } = (zone && findFreeSpot(zone, blocksIn(editor, zone), { w: COMMITMENT_W, h: COMMITMENT_H })) ?? {
    x: zone ? Math.min(bounds.x, zone.x + zone.w - COMMITMENT_W) : bounds.maxX + 24,
    y: bounds.y,
  }
  const id = createShapeId()
  editor.markHistoryStoppingPoint('make commitment')
  editor.run(() => {
    editor.createShape({ id, type: COMMITMENT_SHAPE_TYPE, x, y, props: { ...fields, w: COMMITMENT_W, h: COMMITMENT_H, sources: sourcesOf(editor, from, votes) } })
    editor.select(id)
  })
  return id
}

export function updateCommitment(editor: Editor, id: TLShapeId, fields: Partial<CommitmentFields>): void {
  editor.markHistoryStoppingPoint('edit commitment')
  editor.updateShape({ id, type: COMMITMENT_SHAPE_TYPE, props: fields })
}
