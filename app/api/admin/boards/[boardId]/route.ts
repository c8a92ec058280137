/** DELETE /api/admin/boards/<id> → purges the board and everything it left, at once (administrators). */
import { NextResponse } from 'next/server'
import { adminRoute } from '@/app/_lib/adminRoute'
import { jsonError } from '@/app/_lib/http'
import { actorOf } from '@/app/_lib/session'
import { isWellFormedId } from '@/lib/ids'

export const dynamic = 'force-dynamic'

export const DELETE = adminRoute<{ boardId: string }>(async ({ admin, params, app }) => {
  if (!isWellFormedId(params.boardId) || !(await app.boards.purge(params.boardId, actorOf(admin)))) {
    return jsonError(404, 'no such board')
  }
  return new NextResponse(null, { status: 204 })
})
