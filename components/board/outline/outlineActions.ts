/**
 * What the outline does to the board, written straight into the tldraw store (so the store's
 * Yjs binding syncs it, and the canvas, when it is mounted, sees an ordinary change). The
 * outline may be shown without the canvas, so these do themselves what the canvas's note
 * tagging would: every note carries its area, author and times in its meta.
 */
import { toRichText, type TLNoteShape, type TLShapeId, type TLStore } from 'tldraw'
import { isNoteShape } from '@/lib/board/areaOfPoint'
import { BOARD_PAGE_ID } from '@/lib/board/docLayout'
import { noteForArea, noteGrowY, slotAmongRecords } from '@/lib/board/placeNote'
import type { AreaId } from '@/lib/planning/planningModel'
import {
  commitmentFrom,
  groupNotes,
  recordMap,
  renameThemeRecord,
  ungroupThemeRecords,
  updateCommitmentRecord,
  type CommitmentFields,
} from '@/lib/board/planEdits'

export interface NewOutlineNote {
  areaId: AreaId
  text: string
  author: { id: string; name: string }
  /** An anonymous board keeps no author on new notes. */
  anonymous: boolean
  /** The active private round's id: the note stays in the author's private document. */
  privateRoundId: string | null
  now: number
}

function noteOf(store: TLStore, id: TLShapeId): TLNoteShape | null {
  const record = store.get(id)
  return isNoteShape(record) ? (record as TLNoteShape) : null
}

/** Adds a note in the area's first free slot, on top; returns its id, or null without that zone. */
export function addNoteToArea(store: TLStore, note: NewOutlineNote): TLShapeId | null {
  const records = store.allRecords()
  const slot = slotAmongRecords(records, note.areaId)
  if (!slot) return null
  const record = noteForArea(
    records,
    {
      areaId: note.areaId,
      text: note.text,
      author: note.anonymous ? null : note.author,
      now: note.now,
      privateRound: note.privateRoundId,
    },
    slot,
  )
  store.put([record])
  return record.id
}

/** Replaces a note's text, and stamps when it changed (exports show it). */
export function editNoteText(store: TLStore, id: TLShapeId, text: string, now: number): boolean {
  const note = noteOf(store, id)
  if (!note) return false
  store.put([
    {
      ...note,
      props: { ...note.props, richText: toRichText(text), growY: Math.max(note.props.growY, noteGrowY(text)) },
      meta: { ...note.meta, updatedAt: now },
    },
  ])
  return true
}

/** Moves a note into another area's first free slot and re-tags it; false without that zone. */
export function moveNoteToArea(store: TLStore, id: TLShapeId, areaId: AreaId): boolean {
  const note = noteOf(store, id)
  if (!note) return false
  const slot = slotAmongRecords(store.allRecords(), areaId, id)
  if (!slot) return false
  // Out of any frame or group: the slot is in page space.
  store.put([{ ...note, parentId: BOARD_PAGE_ID, x: slot.x, y: slot.y, meta: { ...note.meta, areaId } }])
  return true
}

export function deleteNote(store: TLStore, id: TLShapeId): void {
  if (noteOf(store, id)) store.remove([id])
}

/*
 * Themes and commitments: the same record edits the canvas makes (lib/board/planEdits.ts),
 * written into the store as one change.
 */

/** Groups notes into a new theme (or the theme one of them is in); returns the theme's id. */
export function groupNotesInStore(store: TLStore, noteIds: readonly string[], title: string): TLShapeId | null {
  const grouped = groupNotes(recordMap(store.allRecords()), noteIds, title)
  if (!grouped) return null
  store.put(grouped.put)
  return grouped.themeId
}

export function renameThemeInStore(store: TLStore, themeId: string, title: string): boolean {
  const changed = renameThemeRecord(recordMap(store.allRecords()), themeId, title)
  store.put(changed)
  return changed.length > 0
}

/** Dissolves a theme; returns the ids of the notes it held, in its order. */
export function ungroupThemeInStore(store: TLStore, themeId: string): TLShapeId[] {
  const changes = ungroupThemeRecords(recordMap(store.allRecords()), themeId)
  if (!changes) return []
  // Its notes onto the page first, so the theme goes alone.
  store.put(changes.put)
  store.remove(changes.remove)
  return changes.put.map((record) => record.id as TLShapeId)
}

/** Makes a commitment of a note or theme (facilitators only); returns its id. */
export function makeCommitmentInStore(
  store: TLStore,
  fromId: string,
  fields: CommitmentFields,
  votes: ReadonlyMap<string, number>,
): TLShapeId | null {
  const commitment = commitmentFrom(recordMap(store.allRecords()), fromId, fields, votes)
  if (!commitment) return null
  store.put([commitment])
  return commitment.id
}

/** Changes a commitment's fields (facilitators only); false when there is no such commitment. */
export function updateCommitmentInStore(store: TLStore, id: string, fields: Partial<CommitmentFields>): boolean {
  const changed = updateCommitmentRecord(recordMap(store.allRecords()), id, fields)
  store.put(changed)
  return changed.length > 0
}
