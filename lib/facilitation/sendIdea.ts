/**
 * An idea sent from outside the canvas (the phone page, the notes API): placed in its area's
 * first free slot by the server. During a private round it goes to the author's private
 * document; a locked area takes ideas from facilitators only.
 */
import type { BoardRole } from '../auth/roles'
import { boardDocId, privateDocId } from '../board/docIds'
import { putNotes } from '../board/noteRecord'
import { readRecords } from '../board/docLayout'
import { noteForArea, slotAmongRecords } from '../board/placeNote'
import { readSession } from '../board/session'
import type { AreaId } from '../planning/planningModel'
import type { SyncControl } from '../runtime/appContext'

export type SendIdeaResult =
  | { ok: true; noteId: string; private: boolean }
  | { ok: false; reason: 'no-such-area' | 'area-locked' | 'not-allowed' }

export async function sendIdea(
  sync: Pick<SyncControl, 'changeDoc' | 'readDoc'>,
  boardId: string,
  from: { userId: string; name: string; role: BoardRole },
  idea: { areaId: AreaId; text: string },
): Promise<SendIdeaResult> {
  if (from.role === 'observer') return { ok: false, reason: 'not-allowed' }
  const planned = await sync.readDoc(boardId, (doc) => {
    const session = readSession(doc)
    const records = [...readRecords(doc).values()]
    const slot = slotAmongRecords(records, idea.areaId)
    if (!slot) return { ok: false as const, reason: 'no-such-area' as const }
    if (from.role !== 'facilitator' && session.lockedAreas.includes(idea.areaId)) {
      return { ok: false as const, reason: 'area-locked' as const }
    }
    const privateRound = session.privateRound?.active ? session.privateRound.id : null
    const note = noteForArea(
      records,
      {
        areaId: idea.areaId,
        text: idea.text,
        author: session.anonymous ? null : { id: from.userId, name: from.name },
        now: Date.now(),
        privateRound,
      },
      slot,
    )
    return { ok: true as const, note, target: privateRound ? privateDocId(boardId, from.userId) : boardDocId(boardId) }
  })
  if (!planned.ok) return planned
  await sync.changeDoc(planned.target, (doc) => putNotes(doc, [planned.note]), { addsBytes: JSON.stringify(planned.note).length })
  return { ok: true, noteId: planned.note.id, private: planned.target !== boardDocId(boardId) }
}
