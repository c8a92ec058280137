/**
 * The wrapper around administrators' route handlers: checks the Origin of state-changing
 * requests and that the signed-in person is a staff administrator.
 */
import type { StaffPerson } from '@/lib/auth/person'
import { getAppContext, type AppContext } from '@/lib/runtime/appContext'
import { isMalformedPathValue, isSameOrigin, jsonError } from './http'
import { getSessionUser } from './session'

export function adminRoute<Params>(
  handler: (context: { request: Request; admin: StaffPerson; params: Params; app: AppContext }) => Promise<Response>,
) {
  return async (request: Request, { params }: { params: Promise<Params> }): Promise<Response> => {
    if (!['GET', 'HEAD'].includes(request.method) && !isSameOrigin(request)) return jsonError(403, 'cross-origin request refused')
    const user = await getSessionUser()
    if (!user) return jsonError(401, 'not signed in')
    if (user.kind !== 'staff' || !user.isAdmin) return jsonError(403, 'administrators only')
    const resolved = await params
    if (Object.values(resolved as object).some(isMalformedPathValue)) return jsonError(400, 'malformed id')
    return handler({ request, admin: user, params: resolved, app: getAppContext() })
  }
}
