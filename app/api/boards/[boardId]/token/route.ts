/**
 * POST /api/boards/<id>/token → { token, url, expiresAt }: a short-lived room token for the
 * board's sync room, minted for a signed-in member. Connect with
 * `new WebsocketProvider(url, boardId, doc, { params: { token } })`.
 */
import { NextResponse } from 'next/server'
import { getAppContext } from '@/lib/runtime/appContext'
import { isSameOrigin, jsonError, syncBaseUrl } from '@/app/_lib/http'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

export async function POST(request: Request, { params }: { params: Promise<{ boardId: string }> }) {
  if (!isSameOrigin(request)) return jsonError(403, 'cross-origin request refused')
  const user = await getSessionUser()
  if (!user) return jsonError(401, 'not signed in')
  const { boardId } = await params
  const { store, roomTokens } = getAppContext()
  const board = await store.boards.get(boardId)
  if (!board) return jsonError(404, 'no such board')
  const role = await store.boards.roleOf(boardId, user.id)
  if (!role) return jsonError(403, 'not a member of this board')
  const { token, expiresAt } = await roomTokens.mint({ userId: user.id, name: user.name, boardId, role })
  return NextResponse.json(
    { token, url: syncBaseUrl(request), expiresAt, role },
    { headers: { 'cache-control': 'no-store' } },
  )
}
