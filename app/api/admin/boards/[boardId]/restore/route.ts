/** POST /api/admin/boards/<id>/restore → undeletes a board still in its grace period (administrators). */
import { NextResponse } from 'next/server'
import { adminRoute } from '@/app/_lib/adminRoute'
import { jsonError } from '@/app/_lib/http'
import { actorOf } from '@/app/_lib/session'
import { isWellFormedId } from '@/lib/ids'

export const dynamic = 'force-dynamic'

export const POST = adminRoute<{ boardId: string }>(async ({ admin, params, app }) => {
  if (!isWellFormedId(params.boardId) || !(await app.boards.restore(params.boardId, actorOf(admin)))) {
    return jsonError(404, 'no deleted board with that id')
  }
  return NextResponse.json({ restored: true })
})
