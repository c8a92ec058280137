/**
 * GET  /api/boards/<id>/members → { members: [{ userId, name, email, role }] } (facilitators)
 * POST /api/boards/<id>/members { email, role } → adds a staff account to the board, or
 * changes its role. The account must exist (accounts are made by an admin). A board always
 * keeps at least one facilitator.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { BOARD_ROLES } from '@/lib/auth/roles'
import { Closes } from '@/lib/sync/closeCodes'
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'
import { wouldLeaveNoFacilitator } from '@/app/_lib/facilitators'
import { jsonError } from '@/app/_lib/http'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({ roles: ['facilitator'] }, async ({ board, app }) => {
  return NextResponse.json({ members: await app.store.boards.members(board.id) })
})

const AddMember = z.object({
  email: z.string().trim().min(3).max(320),
  role: z.enum(BOARD_ROLES).default('participant'),
})

export const POST = boardRoute({ roles: ['facilitator'], body: AddMember }, async ({ user: by, board, body, app }) => {
  const user = await app.store.users.findByEmail(body.email)
  if (!user) return jsonError(404, 'no account with that email')
  if (body.role !== 'facilitator' && (await wouldLeaveNoFacilitator(app, board.id, user.id))) {
    return jsonError(409, 'a board needs at least one facilitator')
  }
  await app.store.boards.setRole(board.id, user.id, body.role)
  // A changed role takes effect at once: the socket reconnects with a token for the new role.
  app.sync.disconnect(
    (who) => who.userId === user.id && who.boardId === board.id && who.role !== body.role,
    Closes.roleChanged.code,
    Closes.roleChanged.reason,
  )
  await app.audit({ actor: actorOf(by), action: 'board-shared', boardId: board.id, targetId: user.id, detail: body.role })
  return NextResponse.json({ member: { userId: user.id, name: user.name, email: user.email, role: body.role } }, { status: 201 })
})
