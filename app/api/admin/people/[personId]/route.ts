/**
 * DELETE /api/admin/people/<personId> → removes an account (a staff id) or a guest
 * (`guest:<id>`), erasing their name from every board; their notes stay (administrators).
 */
import { NextResponse } from 'next/server'
import { adminRoute } from '@/app/_lib/adminRoute'
import { isMalformedPathValue, jsonError } from '@/app/_lib/http'
import { actorOf } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

export const DELETE = adminRoute<{ personId: string }>(async ({ admin, params, app }) => {
  let personId: string
  try {
    personId = decodeURIComponent(params.personId)
  } catch {
    return jsonError(400, 'malformed id')
  }
  if (isMalformedPathValue(personId)) return jsonError(400, 'malformed id')
  if (personId === admin.id) return jsonError(409, 'an administrator cannot remove their own account')
  if (!(await app.people.remove(personId, actorOf(admin)))) return jsonError(404, 'no such person')
  return new NextResponse(null, { status: 204 })
})
