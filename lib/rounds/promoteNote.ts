/**
 * Promoting a branch's note or theme into the round's central board: a linked copy, in the
 * same area, whose meta keeps where it came from (branch, board, the original's id and text,
 * author unless anonymous, votes) so the roll-up can show when the original changed.
 */
import type { TLNoteShape, TLRecord } from '@tldraw/tlschema'
import type { NoteOrigin } from '../board/noteMeta'
import { noteForArea } from '../board/placeNote'
import type { AreaId } from '../planning/planningModel'

/** The central board's copies of originals, by `<boardId>/<id>`. */
export function promotedKeys(records: Iterable<TLRecord>): Set<string> {
  const keys = new Set<string>()
  for (const record of records) {
    const origin = (record.meta as { origin?: { boardId?: unknown; id?: unknown } } | undefined)?.origin
    if (record.typeName === 'shape' && origin && typeof origin.boardId === 'string' && typeof origin.id === 'string') {
      keys.add(`${origin.boardId}/${origin.id}`)
    }
  }
  return keys
}

export function promotedNote(records: Iterable<TLRecord>, areaId: AreaId, origin: NoteOrigin, now: number): TLNoteShape {
  const note = noteForArea(records, { areaId, text: origin.text, author: null, now }, { x: 0, y: 0 })
  return { ...note, meta: { ...note.meta, origin: { ...origin } } }
}
