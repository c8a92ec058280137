/** GET /api/admin/people/<personId>/data → everything held about anyone, as /api/me/data gives it (administrators). */
import { adminRoute } from '@/app/_lib/adminRoute'
import { jsonError } from '@/app/_lib/http'
import { actorOf } from '@/app/_lib/session'
import { personalDataResponse } from '@/app/_lib/personalData'

export const dynamic = 'force-dynamic'

export const GET = adminRoute<{ personId: string }>(async ({ admin, params, app }) => {
  const data = await app.people.exportData(decodeURIComponent(params.personId), actorOf(admin))
  if (!data) return jsonError(404, 'no such person')
  return personalDataResponse(data)
})
