/** DELETE /api/admin/people/<personId>/sessions → ends every session of the account (administrators). */
import { NextResponse } from 'next/server'
import { adminRoute } from '@/app/_lib/adminRoute'
import { jsonError } from '@/app/_lib/http'
import { actorOf } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

export const DELETE = adminRoute<{ personId: string }>(async ({ admin, params, app }) => {
  if (!(await app.people.endSessions(decodeURIComponent(params.personId), actorOf(admin)))) return jsonError(404, 'no such account')
  return new NextResponse(null, { status: 204 })
})
