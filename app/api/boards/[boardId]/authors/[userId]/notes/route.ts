/**
 * DELETE /api/boards/<id>/authors/<userId>/notes → { removed, privateRemoved, snapshot }:
 * removes every note the person wrote on the board, and in the private round under way, after
 * saving the board as a snapshot (`snapshot`: its id and name; null when there was nothing to
 * remove). Facilitators only. See lib/facilitation/authorNotes.ts.
 */
import { NextResponse } from 'next/server'
import { boardRoute } from '@/app/_lib/boardRoute'
import { privateDocPrefix } from '@/lib/board/docIds'
import { removeNotesByAuthor } from '@/lib/facilitation/authorNotes'
import { translator } from '@/lib/i18n/messages'

export const dynamic = 'force-dynamic'

type Params = { boardId: string; userId: string }

export const DELETE = boardRoute<Params>({ roles: ['facilitator'] }, async ({ user, board, params, app }) => {
  const t = translator(board.locale)
  const result = await removeNotesByAuthor(board.id, params.userId, {
    sync: app.sync,
    snapshots: app.snapshots,
    by: { id: user.id, name: user.name },
    snapshotName: (name) => t('authorNotes.snapshotName', { name }).slice(0, 120),
    privateDocs: (id) => app.store.docs.listDocIds(privateDocPrefix(id)),
  })
  if (result.snapshot) {
    // Who lost how many notes; never their text.
    const detail = `${result.removed} + ${result.privateRemoved} private`
    await app.audit({
      actor: { id: user.id, name: user.name },
      action: 'author-notes-removed',
      boardId: board.id,
      targetId: params.userId,
      detail,
    })
  }
  return NextResponse.json(result)
})
