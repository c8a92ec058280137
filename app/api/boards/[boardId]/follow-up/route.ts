/**
 * POST /api/boards/<id>/follow-up { name? } → 201 { id }: "Ny tavla från förra planen" — the
 * next period's board, from the template, with this board's commitments as starter items (each
 * with a status to set) and a link back to this board. The board's members keep their roles
 * on the new board; the caller is its facilitator. Facilitators with a staff account only.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { boardRoute } from '@/app/_lib/boardRoute'
import { jsonError } from '@/app/_lib/http'
import { boardDocId } from '@/lib/board/docIds'
import { readBoard } from '@/lib/board/readModel'
import { commitmentsToCarry, createFollowUpState } from '@/lib/plan/followUpBoard'

export const dynamic = 'force-dynamic'

const FollowUp = z.object({ name: z.string().trim().min(1).max(120).optional() })

export const POST = boardRoute({ roles: ['facilitator'], body: FollowUp }, async ({ board, user, body, app }) => {
  if (user.kind !== 'staff') return jsonError(403, 'guests cannot create boards')
  const carried = await app.sync.readDoc(boardDocId(board.id), (doc) => commitmentsToCarry(readBoard(doc, board.locale)))
  const name = body.name ?? `${board.name} – ${board.locale === 'sv' ? 'uppföljning' : 'follow-up'}`
  const created = await app.store.boards.create({
    name,
    locale: board.locale,
    createdBy: user.id,
    initialState: createFollowUpState({ name, locale: board.locale, previous: { boardId: board.id, name: board.name }, carried }),
  })
  for (const member of await app.store.boards.members(board.id)) {
    if (member.userId !== user.id) await app.store.boards.setRole(created.id, member.userId, member.role)
  }
  return NextResponse.json({ id: created.id, carried: carried.length }, { status: 201 })
})
