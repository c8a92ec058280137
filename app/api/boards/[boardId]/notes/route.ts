/**
 * POST /api/boards/<id>/notes { areaId, text } → 201 { id }: adds an idea to an area from a
 * plain HTTP client — the phone page, which must work on a slow connection without loading
 * the canvas. During a private round the note goes to the author's private document.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { viewerUserId } from '@/lib/auth/boardAccess'
import { boardDocId, privateDocId } from '@/lib/board/docIds'
import { putNotes } from '@/lib/board/noteRecord'
import { noteForArea, slotInArea } from '@/lib/board/placeNote'
import { readSession } from '@/lib/board/session'
import { AREA_IDS } from '@/lib/planning/planningModel'
import { boardRoute } from '@/app/_lib/boardRoute'
import { jsonError } from '@/app/_lib/http'
import { viewerOf } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

const NewNoteBody = z.object({
  areaId: z.enum(AREA_IDS),
  text: z.string().trim().min(1).max(2000),
})

export const POST = boardRoute(
  { roles: ['facilitator', 'participant'], body: NewNoteBody },
  async ({ board, body, user, role, app }) => {
    const userId = viewerUserId(viewerOf(user))
    const planned = await app.sync.readDoc(board.id, (doc) => {
      const session = readSession(doc)
      const slot = slotInArea(doc, body.areaId)
      if (!slot) return { error: 'no such area' as const }
      if (role !== 'facilitator' && session.lockedAreas.includes(body.areaId)) return { error: 'area locked' as const }
      const privateRound = session.privateRound?.active ? session.privateRound.id : null
      const note = noteForArea(
        doc,
        {
          areaId: body.areaId,
          text: body.text,
          author: session.anonymous ? null : { id: userId, name: user.name },
          now: Date.now(),
          privateRound,
        },
        slot,
      )
      return { note, target: privateRound ? privateDocId(board.id, userId) : boardDocId(board.id) }
    })
    if ('error' in planned) return jsonError(planned.error === 'area locked' ? 423 : 404, planned.error!)
    await app.sync.changeDoc(planned.target, (doc) => putNotes(doc, [planned.note]))
    return NextResponse.json({ id: planned.note.id, private: planned.target !== board.id }, { status: 201 })
  },
)
