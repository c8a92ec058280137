/**
 * GET  /api/boards/<id>/votes → { round, mine, remaining, serverTime }: the current voting
 *      round and the caller's own votes in it.
 * POST /api/boards/<id>/votes { noteId, delta: 1 | -1 } → the same, after voting or taking a
 *      vote back. The limit and the round's scope are checked in the same transaction as the
 *      write, so concurrent votes can neither exceed a limit nor be lost.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { readSession } from '@/lib/board/session'
import { castVote, voterStanding } from '@/lib/board/votes'
import { voterKeyFor } from '@/lib/facilitation/voterKey'
import { voteSealFor } from '@/lib/facilitation/voteSeal'
import { boardRoute } from '@/app/_lib/boardRoute'
import { jsonError } from '@/app/_lib/http'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({}, async ({ board, user, app }) => {
  const userId = user.id
  const state = await app.sync.readDoc(board.id, (doc) => {
    const round = readSession(doc).voting
    if (!round) return { round, mine: {}, remaining: 0 }
    const seal = round.hideTally ? voteSealFor(round.id, app.authSecret) : undefined
    const { mine, remaining } = voterStanding(doc, round, voterKeyFor(round, userId, app.authSecret), seal)
    return { round, mine, remaining: round.active ? remaining : 0 }
  })
  return NextResponse.json({ ...state, serverTime: Date.now() })
})

const Vote = z.object({ noteId: z.string().min(1).max(200), delta: z.union([z.literal(1), z.literal(-1)]) })

export const POST = boardRoute({ roles: ['facilitator', 'participant'], body: Vote }, async ({ board, body, user, app }) => {
  const userId = user.id
  const result = await app.sync.changeDoc(board.id, (doc) => {
    const round = readSession(doc).voting
    const voterKey = round ? voterKeyFor(round, userId, app.authSecret) : ''
    const seal = round?.hideTally ? voteSealFor(round.id, app.authSecret) : undefined
    return { round, ...castVote(doc, round, { voterKey, voterName: user.name, noteId: body.noteId, delta: body.delta }, seal) }
  })
  if (!result.ok) return jsonError(result.reason === 'limit' ? 409 : result.reason === 'no-such-note' ? 404 : 409, result.reason!)
  return NextResponse.json({ round: result.round, mine: result.mine, remaining: result.remaining, serverTime: Date.now() })
})
