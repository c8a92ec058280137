/**
 * POST /api/boards/<id>/token → { token, url, expiresAt, role }: a short-lived room token for
 * the board's sync room, for a member (staff or guest). Connect with
 * `new WebsocketProvider(url, boardId, doc, { params: { token } })`.
 */
import { NextResponse } from 'next/server'
import { boardRoute } from '@/app/_lib/boardRoute'
import { syncBaseUrl } from '@/app/_lib/http'
import { mintRoomTicket } from '@/app/_lib/roomTicket'

export const dynamic = 'force-dynamic'

export const POST = boardRoute({}, async ({ request, user, board, role, app }) => {
  const ticket = await mintRoomTicket(app, { user, boardId: board.id, role, url: syncBaseUrl(request) })
  return NextResponse.json(ticket, { headers: { 'cache-control': 'no-store' } })
})
