/**
 * GET /api/boards/<id>/authors → { anonymous, authors: [{ id, name, notes, privateNotes }] }:
 * who wrote how many notes on the board (and in the private round under way), most first.
 * Facilitators only: the counts of a private round are theirs to see, never its notes.
 */
import { NextResponse } from 'next/server'
import { boardRoute } from '@/app/_lib/boardRoute'
import { privateDocPrefix } from '@/lib/board/docIds'
import { countNotesByAuthor } from '@/lib/facilitation/authorNotes'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({ roles: ['facilitator'] }, async ({ board, app }) => {
  const counts = await countNotesByAuthor(board.id, app.sync, (boardId) => app.store.docs.listDocIds(privateDocPrefix(boardId)))
  return NextResponse.json(counts, { headers: { 'cache-control': 'no-store' } })
})
