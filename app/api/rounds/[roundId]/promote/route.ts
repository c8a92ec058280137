/**
 * POST /api/rounds/<id>/promote { boardId, id } → 201 { noteId, areaId }: copies a branch's note
 * or theme into the central board's same area, keeping its origin (branch, board, author unless
 * anonymous, votes). 409 when it is already there. The round's facilitators only.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { roundRoute } from '@/app/_lib/roundRoute'

export const dynamic = 'force-dynamic'

const Promote = z.object({ boardId: z.string().min(1).max(64), id: z.string().min(1).max(200) })

export const POST = roundRoute<{ roundId: string }, typeof Promote>({ body: Promote }, async ({ actor, body, params, app }) => {
  return NextResponse.json(await app.rounds.promote(actor, params.roundId, body), { status: 201 })
})
