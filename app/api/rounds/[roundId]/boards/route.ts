/**
 * POST /api/rounds/<id>/boards { name, facilitatorEmail? } → 201 { boardId, branch, inviteUrl }:
 * a new branch board; or { boardId, branch } → 201 { boardId, branch }: an existing board the
 * caller facilitates. The round's facilitators only.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { publicOrigin } from '@/app/_lib/http'
import { roundRoute } from '@/app/_lib/roundRoute'

export const dynamic = 'force-dynamic'

const AddBoard = z.union([
  z.object({ boardId: z.string().min(1).max(64), branch: z.string().trim().max(80).default('') }),
  z.object({ name: z.string().trim().min(1).max(80), facilitatorEmail: z.string().trim().email().max(200).optional() }),
])

export const POST = roundRoute<{ roundId: string }, typeof AddBoard>({ body: AddBoard }, async ({ request, actor, body, params, app }) => {
  if ('boardId' in body) {
    const added = await app.rounds.addExisting(actor, params.roundId, body.boardId, body.branch)
    return NextResponse.json({ boardId: added.boardId, branch: added.branch }, { status: 201 })
  }
  const { inviteToken, ...branch } = await app.rounds.addBranch(actor, params.roundId, body)
  return NextResponse.json(
    { ...branch, inviteUrl: inviteToken ? `${publicOrigin(request)}/join/${inviteToken}` : null },
    { status: 201, headers: { 'cache-control': 'no-store' } },
  )
})
