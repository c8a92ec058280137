/**
 * GET /api/boards/<id>/backup.json → the board's backup (docs/backup.md): every record, the
 * facilitation state and the votes, versioned. Facilitators only: it names every author —
 * unless the board is anonymous or hides its authors; then it names none.
 */
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'
import { downloadResponse } from '@/app/_lib/boardReport'
import { authorNamesShown, recordsWithoutAuthors } from '@/lib/board/anonymise'
import { readBoardContent } from '@/lib/board/boardContent'
import { readSession } from '@/lib/board/session'
import { boardDocId } from '@/lib/board/docIds'
import { createBackup, serializeBackup } from '@/lib/export/backup'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({ roles: ['facilitator'] }, async ({ user, board, app }) => {
  const at = Date.now()
  const content = await app.sync.readDoc(boardDocId(board.id), (doc) => {
    const read = readBoardContent(doc)
    return authorNamesShown(readSession(doc)) ? read : { ...read, records: recordsWithoutAuthors(read.records) }
  })
  const body = serializeBackup(createBackup(content, board, at))
  await app.audit({ actor: actorOf(user), action: 'board-exported', boardId: board.id, targetId: null, detail: 'backup' })
  return downloadResponse(body, 'application/json; charset=utf-8', board, at, 'strategitavlan.json')
})
