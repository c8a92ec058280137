/**
 * PATCH  /api/boards/<id>/members/<userId> { role } → changes a member's role.
 * DELETE /api/boards/<id>/members/<userId>          → takes their role away.
 * A board always keeps at least one facilitator. Live sockets of the member are closed at
 * once (and re-checked by the sync server within seconds on every node).
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { BOARD_ROLES } from '@/lib/auth/roles'
import { Closes } from '@/lib/sync/closeCodes'
import { boardRoute } from '@/app/_lib/boardRoute'
import { wouldLeaveNoFacilitator } from '@/app/_lib/facilitators'
import { jsonError } from '@/app/_lib/http'
import { actorOf } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

type Params = { boardId: string; userId: string }

export const PATCH = boardRoute<Params, z.ZodType<{ role: (typeof BOARD_ROLES)[number] }>>(
  { roles: ['facilitator'], body: z.object({ role: z.enum(BOARD_ROLES) }) },
  async ({ board, body, params, app }) => {
    const current = await app.store.boards.roleOf(board.id, params.userId)
    if (!current) return jsonError(404, 'not a member of this board')
    if (body.role !== 'facilitator' && (await wouldLeaveNoFacilitator(app, board.id, params.userId))) {
      return jsonError(409, 'a board needs at least one facilitator')
    }
    await app.store.boards.setRole(board.id, params.userId, body.role)
    app.sync.disconnect(
      (who) => who.userId === params.userId && who.boardId === board.id && who.role !== body.role,
      Closes.roleChanged.code,
      Closes.roleChanged.reason,
    )
    return NextResponse.json({ role: body.role })
  },
)

export const DELETE = boardRoute<Params>({ roles: ['facilitator'] }, async ({ user, board, params, app }) => {
  if (await wouldLeaveNoFacilitator(app, board.id, params.userId)) {
    return jsonError(409, 'a board needs at least one facilitator')
  }
  if (!(await app.store.boards.removeMember(board.id, params.userId))) return jsonError(404, 'not a member of this board')
  app.sync.disconnect(
    (who) => who.userId === params.userId && who.boardId === board.id,
    Closes.accessRevoked.code,
    Closes.accessRevoked.reason,
  )
  await app.audit({ actor: actorOf(user), action: 'member-removed', boardId: board.id, targetId: params.userId, detail: null })
  return new NextResponse(null, { status: 204 })
})
