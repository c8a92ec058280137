/**
 * PUT /api/rounds/<id>/boards/<boardId>/done { done } → 204: marks a board of the round done (or
 * working again). The board's facilitators: a branch's own, or the round's.
 */
import { z } from 'zod'
import { roundRoute } from '@/app/_lib/roundRoute'

export const dynamic = 'force-dynamic'

const Done = z.object({ done: z.boolean() })

export const PUT = roundRoute<{ roundId: string; boardId: string }, typeof Done>({ body: Done }, async ({ actor, body, params, app }) => {
  await app.rounds.setDone(actor, params.roundId, params.boardId, body.done)
  return new Response(null, { status: 204 })
})
