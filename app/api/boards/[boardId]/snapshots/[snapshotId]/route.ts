/**
 * GET    /api/boards/<id>/snapshots/<snapshotId>[?lang=] → { snapshot, board }: the snapshot and
 *        its content as the read model (steps → areas → notes), for a read-only preview.
 * DELETE /api/boards/<id>/snapshots/<snapshotId> → 204.
 * Facilitators only.
 */
import { NextResponse } from 'next/server'
import { readState } from '@/lib/board/boardContent'
import { authorNamesShown, boardViewWithoutAuthors } from '@/lib/board/anonymise'
import { readBoard } from '@/lib/board/readModel'
import { readSession } from '@/lib/board/session'
import { currentSnapshotName } from '@/lib/board/snapshotNames'
import { boardRoute } from '@/app/_lib/boardRoute'
import { requestLocale } from '@/app/_lib/boardReport'
import { jsonError } from '@/app/_lib/http'

export const dynamic = 'force-dynamic'

type Params = { boardId: string; snapshotId: string }

export const GET = boardRoute<Params>({ roles: ['facilitator'] }, async ({ request, board, params, app }) => {
  const found = await app.store.snapshots.get(board.id, params.snapshotId)
  if (!found) return jsonError(404, 'no such snapshot')
  const locale = requestLocale(request, board)
  const view = readState(found.state, (doc) => {
    const read = readBoard(doc, locale)
    return authorNamesShown(readSession(doc)) ? read : boardViewWithoutAuthors(read)
  })
  const { state: _state, ...snapshot } = found
  return NextResponse.json(
    { snapshot: { ...snapshot, name: currentSnapshotName(snapshot, board.locale) }, board: view },
    { headers: { 'cache-control': 'no-store' } },
  )
})

export const DELETE = boardRoute<Params>({ roles: ['facilitator'] }, async ({ board, params, app }) => {
  if (!(await app.store.snapshots.delete(board.id, params.snapshotId))) return jsonError(404, 'no such snapshot')
  return new Response(null, { status: 204 })
})
