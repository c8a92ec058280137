/**
 * The one wrapper around planning round route handlers: checks the Origin of state-changing
 * requests, loads the signed-in staff member (guests have no rounds), validates the JSON body
 * with zod, and answers the round service's refusals with their status. The service itself
 * checks who may do what (lib/rounds/roundControl.ts).
 */
import type { z } from 'zod'
import { isWellFormedId } from '@/lib/ids'
import { isRoundError, type RoundActor } from '@/lib/rounds/roundControl'
import { getAppContext, type AppContext } from '@/lib/runtime/appContext'
import { isSameOrigin, jsonError, readJsonBody } from './http'
import { getSessionUser } from './session'

export interface RoundRouteContext<Body, Params> {
  request: Request
  actor: RoundActor
  body: Body
  params: Params
  app: AppContext
}

const MAX_BODY_BYTES = 64 * 1024

export function roundRoute<Params extends Record<string, string>, Schema extends z.ZodType | undefined = undefined>(
  options: { body?: Schema },
  handler: (context: RoundRouteContext<Schema extends z.ZodType ? z.infer<Schema> : undefined, Params>) => Promise<Response>,
) {
  return async (request: Request, context?: { params?: Promise<Params> }): Promise<Response> => {
    const mutating = !['GET', 'HEAD'].includes(request.method)
    if (mutating && !isSameOrigin(request)) return jsonError(403, 'cross-origin request refused')
    const user = await getSessionUser()
    if (!user) return jsonError(401, 'not signed in')
    if (user.kind !== 'staff') return jsonError(403, 'guests have no planning rounds')
    // A route without dynamic segments (/api/rounds) is given no params.
    const resolved = ((await context?.params) ?? {}) as Params
    for (const [key, value] of Object.entries(resolved)) {
      if (key.endsWith('Id') && !isWellFormedId(value)) return jsonError(404, `no such ${key.slice(0, -2)}`)
    }
    let body: unknown = undefined
    if (options.body) {
      const read = await readJsonBody(request, options.body, MAX_BODY_BYTES)
      if ('error' in read) return read.error
      body = read.data
    }
    try {
      return await handler({
        request,
        actor: { id: user.id, name: user.name },
        body: body as Schema extends z.ZodType ? z.infer<Schema> : undefined,
        params: resolved,
        app: getAppContext(),
      })
    } catch (error) {
      if (isRoundError(error)) return jsonError(error.status, error.message)
      throw error
    }
  }
}
