/**
 * DELETE /api/boards/<id>/guests/<guestId> → 204: takes one guest off the board — their
 * session ends and their sockets close at once — without revoking the invite link everyone
 * else from their branch came in through. `guestId` is the id without its `guest:` prefix.
 * The link still lets anyone who holds it join as a new guest while it is valid: to keep a
 * person out for good, revoke the link and share a new one.
 */
import { NextResponse } from 'next/server'
import { guestUserId } from '@/lib/auth/boardAccess'
import { Closes } from '@/lib/sync/closeCodes'
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'
import { jsonError } from '@/app/_lib/http'

export const dynamic = 'force-dynamic'

export const DELETE = boardRoute<{ boardId: string; guestId: string }>({ roles: ['facilitator'] }, async ({ user, board, params, app }) => {
  const guest = await app.store.guests.get(params.guestId)
  if (!guest || guest.boardId !== board.id) return jsonError(404, 'no such guest on this board')
  await app.store.guests.remove(guest.id)
  const userId = guestUserId(guest.id)
  app.sync.disconnect((who) => who.userId === userId, Closes.accessRevoked.code, Closes.accessRevoked.reason)
  await app.audit({ actor: actorOf(user), action: 'member-removed', boardId: board.id, targetId: userId, detail: null })
  return new NextResponse(null, { status: 204 })
})
