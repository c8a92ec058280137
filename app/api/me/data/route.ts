/**
 * GET /api/me/data → everything the installation holds about the signed-in person (account or
 * guest) as a JSON file: their account, roles, what they wrote on every board, their votes,
 * the invites and snapshots they made, and the audit log's entries about them.
 */
import { getAppContext } from '@/lib/runtime/appContext'
import { jsonError } from '@/app/_lib/http'
import { personalDataResponse } from '@/app/_lib/personalData'
import { actorOf, getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

export async function GET() {
  const user = await getSessionUser()
  if (!user) return jsonError(401, 'not signed in')
  const data = await getAppContext().people.exportData(user.id, actorOf(user))
  if (!data) return jsonError(404, 'no such person')
  return personalDataResponse(data)
}
