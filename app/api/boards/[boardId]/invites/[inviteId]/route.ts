/**
 * DELETE /api/boards/<id>/invites/<inviteId> → revokes the link: nobody can join with it any
 * more, and guests who joined through it lose access and are disconnected at once.
 */
import { NextResponse } from 'next/server'
import { guestUserId } from '@/lib/auth/boardAccess'
import { Closes } from '@/lib/sync/closeCodes'
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'
import { jsonError } from '@/app/_lib/http'

export const dynamic = 'force-dynamic'

export const DELETE = boardRoute<{ boardId: string; inviteId: string }>(
  { roles: ['facilitator'] },
  async ({ user, board, params, app }) => {
    const invite = await app.store.invites.get(params.inviteId)
    if (!invite || invite.boardId !== board.id) return jsonError(404, 'no such invite')
    await app.store.invites.revoke(invite.id)
    const guests = new Set((await app.store.guests.listForInvite(invite.id)).map((g) => guestUserId(g.id)))
    app.sync.disconnect((who) => guests.has(who.userId), Closes.accessRevoked.code, Closes.accessRevoked.reason)
    await app.audit({ actor: actorOf(user), action: 'invite-revoked', boardId: board.id, targetId: invite.id, detail: null })
    return new NextResponse(null, { status: 204 })
  },
)
