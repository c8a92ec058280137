/**
 * POST /api/boards/<id>/token → { token, url, expiresAt, role }: a short-lived room token for
 * the board's sync room, for a member (staff or guest). Connect with
 * `new WebsocketProvider(url, boardId, doc, { params: { token } })`.
 */
import { NextResponse } from 'next/server'
import { viewerUserId } from '@/lib/auth/boardAccess'
import { boardRoute } from '@/app/_lib/boardRoute'
import { syncBaseUrl } from '@/app/_lib/http'
import { viewerOf } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

export const POST = boardRoute({}, async ({ request, user, board, role, app }) => {
  const { token, expiresAt } = await app.roomTokens.mint({
    userId: viewerUserId(viewerOf(user)),
    name: user.name,
    boardId: board.id,
    role,
  })
  return NextResponse.json(
    { token, url: syncBaseUrl(request), expiresAt, role, serverTime: Date.now() },
    { headers: { 'cache-control': 'no-store' } },
  )
})
