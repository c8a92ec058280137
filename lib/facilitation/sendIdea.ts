/**
 * An idea sent from outside the canvas (the phone page, the notes API): placed by the server
 * in a free place of its area's zone, which grows (and the map re-flows) when it is full. During a private round it goes to the author's private
 * document; a locked area takes ideas from facilitators only.
 */
import type { BoardRole } from '../auth/roles'
import { boardDocId, privateDocId } from '../board/docIds'
import { isAreaShape } from '../board/areaOfPoint'
import { readRecords, setRecords } from '../board/docLayout'
import { noteForArea, placeNotes } from '../board/placeNote'
import { readSession } from '../board/session'
import type { AreaId } from '../planning/planningModel'
import type { TLRecord } from '@tldraw/tlschema'
import type { SyncControl } from '../runtime/appContext'

export type SendIdeaResult =
  { ok: true; noteId: string; private: boolean } | { ok: false; reason: 'no-such-area' | 'area-locked' | 'not-allowed' }

export async function sendIdea(
  sync: Pick<SyncControl, 'changeDoc' | 'readDoc'>,
  boardId: string,
  from: { userId: string; name: string; role: BoardRole },
  idea: { areaId: AreaId; text: string },
): Promise<SendIdeaResult> {
  if (from.role === 'observer') return { ok: false, reason: 'not-allowed' }
  const planned = await sync.readDoc(boardId, (doc) => {
    const session = readSession(doc)
    const records = readRecords(doc)
    if (![...records.values()].some((r) => isAreaShape(r) && r.props.areaId === idea.areaId)) {
      return { ok: false as const, reason: 'no-such-area' as const }
    }
    if (from.role !== 'facilitator' && session.lockedAreas.includes(idea.areaId)) {
      return { ok: false as const, reason: 'area-locked' as const }
    }
    const privateRound = session.privateRound?.active ? session.privateRound.id : null
    const note = noteForArea(
      records.values(),
      {
        areaId: idea.areaId,
        text: idea.text,
        author: session.anonymous ? null : { id: from.userId, name: from.name },
        now: Date.now(),
        privateRound,
      },
      { x: 0, y: 0 },
    )
    if (!privateRound) return { ok: true as const, note, target: boardDocId(boardId), public: true }
    return { ok: true as const, note, target: privateDocId(boardId, from.userId), public: false, board: records }
  })
  if (!planned.ok) return planned
  if (planned.board) {
    // A private note is placed against the board as it is now and the author's other private
    // notes; the zone keeps room for it (server/sync/privateRoom.ts), and the reveal places it
    // again among everyone's.
    const own = await sync.readDoc(planned.target, readRecords)
    const view = new Map<string, TLRecord>([...planned.board, ...own])
    planned.note = placeNotes(view, [planned.note]).find((record) => record.id === planned.note.id) as typeof planned.note
  }
  await sync.changeDoc(
    planned.target,
    (doc) => {
      setRecords(doc, planned.public ? placeNotes(readRecords(doc), [planned.note]) : [planned.note])
    },
    { addsBytes: JSON.stringify(planned.note).length },
  )
  return { ok: true, noteId: planned.note.id, private: planned.target !== boardDocId(boardId) }
}
