import type { Editor, TLRecord, TLShape, TLShapeId } from 'tldraw'
import {
  commitmentFrom,
  groupNotes,
  layoutThemeRecords,
  recordMap,
  textOfRecord,
  ungroupThemeRecords,
  updateCommitmentRecord,
  type CommitmentFields,
} from '@/lib/board/planEdits'
import { COMMITMENT_SHAPE_TYPE, THEME_SHAPE_TYPE, type CommitmentShape, type ThemeShape } from '@/lib/board/planShapes'

export type { CommitmentFields } from '@/lib/board/planEdits'

/**
 * What people do with themes and commitments on the canvas: the record edits of
 * lib/board/planEdits.ts (which the outline applies too), each applied through the editor as
 * one undoable step. Each writes only records its author's role may write (the server checks).
 */

export const isTheme = (shape: TLShape | undefined): shape is ThemeShape => shape?.type === THEME_SHAPE_TYPE
export const isCommitment = (shape: TLShape | undefined): shape is CommitmentShape => shape?.type === COMMITMENT_SHAPE_TYPE

const recordsOf = (editor: Editor) => recordMap(editor.store.allRecords())
const put = (editor: Editor, records: readonly TLRecord[]) => {
  if (records.length > 0) editor.store.put([...records])
}

/** Lays a theme's notes out in its grid and fits the theme around them (see layoutThemeRecords). */
export function relayoutTheme(editor: Editor, themeId: TLShapeId): void {
  put(editor, layoutThemeRecords(recordsOf(editor), themeId))
}

/**
 * Gathers notes into a new theme where they lie, or — when one of them is already in a theme —
 * into that theme, and selects it. Returns the theme.
 */
export function groupIntoTheme(editor: Editor, ids: readonly TLShapeId[], title: string): TLShapeId | null {
  if (editor.getIsReadonly()) return null
  const grouped = groupNotes(recordsOf(editor), ids, title)
  if (!grouped) return null
  editor.markHistoryStoppingPoint('group into theme')
  editor.run(() => {
    put(editor, grouped.put)
    editor.select(grouped.themeId)
  })
  return grouped.themeId
}

/** Dissolves a theme: its notes stay where they are, on the page, and are selected. */
export function ungroupTheme(editor: Editor, themeId: TLShapeId): void {
  const changes = ungroupThemeRecords(recordsOf(editor), themeId)
  if (!changes) return
  editor.markHistoryStoppingPoint('ungroup theme')
  editor.run(() => {
    put(editor, changes.put)
    editor.deleteShapes(changes.remove)
    editor.select(...changes.put.map((record) => record.id as TLShapeId))
  })
}

/** The text of a note or the title of a theme. */
export function textOfShape(shape: TLShape): string {
  return textOfRecord(shape)
}

/**
 * A new commitment from the note or theme, in the first free place of the same zone, selected.
 * Facilitators only (the server refuses others).
 */
export function createCommitment(
  editor: Editor,
  from: TLShape,
  fields: CommitmentFields,
  votes: ReadonlyMap<string, number>,
): TLShapeId | null {
  const commitment = commitmentFrom(recordsOf(editor), from.id, fields, votes)
  if (!commitment) return null
  editor.markHistoryStoppingPoint('make commitment')
  editor.run(() => {
    put(editor, [commitment])
    editor.select(commitment.id)
  })
  return commitment.id
}

export function updateCommitment(editor: Editor, id: TLShapeId, fields: Partial<CommitmentFields>): void {
  editor.markHistoryStoppingPoint('edit commitment')
  put(editor, updateCommitmentRecord(recordsOf(editor), id, fields))
}
