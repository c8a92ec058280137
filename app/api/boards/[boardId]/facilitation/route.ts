/**
 * POST /api/boards/<id>/facilitation { type, … } → { session, serverTime }: a facilitator's
 * command (timer, voting round, private round, authors, area locks, summon). The server
 * changes the board's document; every client sees the new state through sync.
 */
import { NextResponse } from 'next/server'
import { FacilitationCommand, runCommand } from '@/lib/facilitation/commands'
import { voteSealFor } from '@/lib/facilitation/voteSeal'
import { boardRoute } from '@/app/_lib/boardRoute'

export const dynamic = 'force-dynamic'

export const POST = boardRoute({ roles: ['facilitator'], body: FacilitationCommand }, async ({ board, body, user, app }) => {
  const session = await runCommand(board.id, body, {
    sync: app.sync,
    docs: app.store.docs,
    by: { userId: user.id, name: user.name },
    voteSeal: (roundId) => voteSealFor(roundId, app.authSecret),
    onVotingEnded: (roundId) => app.onVotingEnded?.(board.id, roundId, user),
  })
  return NextResponse.json({ session, serverTime: Date.now() })
})
