/**
 * POST /api/boards/<id>/notes { areaId, text } → 201 { id, private }: adds an idea to an area
 * from a plain HTTP client (the phone page, scripts). See lib/facilitation/sendIdea.ts.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { sendIdea } from '@/lib/facilitation/sendIdea'
import { AREA_IDS } from '@/lib/planning/planningModel'
import { boardRoute } from '@/app/_lib/boardRoute'
import { jsonError } from '@/app/_lib/http'

export const dynamic = 'force-dynamic'

const NewNoteBody = z.object({
  areaId: z.enum(AREA_IDS),
  text: z.string().trim().min(1).max(2000),
})

export const POST = boardRoute({ roles: ['facilitator', 'participant'], body: NewNoteBody }, async ({ board, body, user, role, app }) => {
  const result = await sendIdea(app.sync, board.id, { userId: user.id, name: user.name, role }, body)
  if (!result.ok) return jsonError(result.reason === 'area-locked' ? 423 : 404, result.reason)
  return NextResponse.json({ id: result.noteId, private: result.private }, { status: 201 })
})
