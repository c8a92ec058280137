/**
 * The one wrapper around every board route handler: checks the Origin of state-changing
 * requests, loads the signed-in person and the board, checks their role, and validates the
 * JSON body with zod. Handlers receive all of it and only do their own job.
 */
import type { z } from 'zod'
import { roleOnBoard } from '@/lib/auth/boardAccess'
import type { SignedInPerson } from '@/lib/auth/person'
import type { BoardRole } from '@/lib/auth/roles'
import { isDocFullError } from '@/lib/board/docFull'
import { isWellFormedId } from '@/lib/ids'
import { getAppContext, type AppContext } from '@/lib/runtime/appContext'
import type { BoardRecord } from '@/lib/store/types'
import { isMalformedPathValue, isSameOrigin, jsonError, readJsonBody } from './http'
import { getSessionUser } from './session'

export interface BoardRouteContext<Body, Params> {
  request: Request
  user: SignedInPerson
  board: BoardRecord
  role: BoardRole
  body: Body
  params: Params
  app: AppContext
}

interface BoardRouteOptions<Schema extends z.ZodType | undefined> {
  /** Roles allowed; default: any member. */
  roles?: readonly BoardRole[]
  body?: Schema
}

type Handler<Body, Params> = (context: BoardRouteContext<Body, Params>) => Promise<Response>

const MAX_BODY_BYTES = 16 * 1024

export function boardRoute<Params extends { boardId: string }, Schema extends z.ZodType | undefined = undefined>(
  options: BoardRouteOptions<Schema>,
  handler: Handler<Schema extends z.ZodType ? z.infer<Schema> : undefined, Params>,
) {
  return async (request: Request, { params }: { params: Promise<Params> }): Promise<Response> => {
    const mutating = !['GET', 'HEAD'].includes(request.method)
    if (mutating && !isSameOrigin(request)) return jsonError(403, 'cross-origin request refused')
    const user = await getSessionUser()
    if (!user) return jsonError(401, 'not signed in')
    const resolved = await params
    if (Object.values(resolved).some(isMalformedPathValue)) return jsonError(400, 'malformed id')
    if (!isWellFormedId(resolved.boardId)) return jsonError(404, 'no such board')
    const app = getAppContext()
    const board = await app.store.boards.get(resolved.boardId)
    if (!board) return jsonError(404, 'no such board')
    const role = await roleOnBoard(app.store, user, board.id)
    if (!role) return jsonError(403, 'not a member of this board')
    if (options.roles && !options.roles.includes(role)) return jsonError(403, `needs role ${options.roles.join(' or ')}`)
    let body: unknown = undefined
    if (options.body) {
      const read = await readJsonBody(request, options.body, MAX_BODY_BYTES)
      if ('error' in read) return read.error
      body = read.data
    }
    try {
      return await handler({
        request,
        user,
        board,
        role,
        body: body as Schema extends z.ZodType ? z.infer<Schema> : undefined,
        params: resolved,
        app,
      })
    } catch (error) {
      // The board's document has no room for what the request would add (see lib/board/docFull.ts).
      if (isDocFullError(error)) return jsonError(413, 'doc-full')
      throw error
    }
  }
}
