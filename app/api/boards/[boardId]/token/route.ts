/**
 * POST /api/boards/<id>/token → { token, url, expiresAt, role }: a short-lived room token for
 * the board's sync room, for a member (staff or guest). Connect with
 * `new WebsocketProvider(url, boardId, doc, { params: { token } })`.
 */
import { NextResponse } from 'next/server'
import { boardRoute } from '@/app/_lib/boardRoute'
import { syncBaseUrl } from '@/app/_lib/http'

export const dynamic = 'force-dynamic'

export const POST = boardRoute({}, async ({ request, user, board, role, app }) => {
  const { token, expiresAt } = await app.roomTokens.mint({
    userId: user.id,
    name: user.name,
    boardId: board.id,
    role,
  })
  return NextResponse.json(
    { token, url: syncBaseUrl(request), expiresAt, role, serverTime: Date.now() },
    { headers: { 'cache-control': 'no-store' } },
  )
})
