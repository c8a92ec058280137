/**
 * PATCH  /api/boards/<id> { name?, archived? } → renames the board and/or moves it into or out
 *        of the archive (facilitators).
 * DELETE /api/boards/<id> → deletes the board (facilitators). Everyone loses access at once;
 *        an administrator can restore it for BOARD_DELETE_GRACE_DAYS, then it is purged.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

type Params = { boardId: string }

const Change = z
  .object({ name: z.string().trim().min(1).max(120).optional(), archived: z.boolean().optional() })
  .refine((change) => change.name !== undefined || change.archived !== undefined, 'nothing to change')

export const PATCH = boardRoute<Params, typeof Change>({ roles: ['facilitator'], body: Change }, async ({ board, body, user, app }) => {
  const by = actorOf(user)
  if (body.name !== undefined && body.name !== board.name) {
    await app.store.boards.rename(board.id, body.name)
    await app.audit({ actor: by, action: 'board-renamed', boardId: board.id, targetId: null, detail: null })
  }
  if (body.archived !== undefined && body.archived !== (board.archivedAt !== null)) {
    await app.store.boards.setArchived(board.id, body.archived ? Date.now() : null)
    await app.audit({
      actor: by,
      action: body.archived ? 'board-archived' : 'board-unarchived',
      boardId: board.id,
      targetId: null,
      detail: null,
    })
  }
  const updated = await app.store.boards.get(board.id)
  return NextResponse.json({ board: updated })
})

export const DELETE = boardRoute<Params>({ roles: ['facilitator'] }, async ({ board, user, app }) => {
  await app.boards.remove(board.id, actorOf(user))
  return NextResponse.json({ deleted: true, restorableForDays: app.boards.graceDays })
})
