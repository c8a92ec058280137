/** DELETE /api/me/sessions → signs the account out everywhere (every browser, every socket). */
import { NextResponse } from 'next/server'
import { getAppContext } from '@/lib/runtime/appContext'
import { isSameOrigin, jsonError } from '@/app/_lib/http'
import { actorOf, getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

export async function DELETE(request: Request) {
  if (!isSameOrigin(request)) return jsonError(403, 'cross-origin request refused')
  const user = await getSessionUser()
  if (!user) return jsonError(401, 'not signed in')
  if (user.kind !== 'staff') return jsonError(403, 'a guest’s session is the one link; sign out instead')
  await getAppContext().people.endSessions(user.id, actorOf(user))
  return new NextResponse(null, { status: 204 })
}
