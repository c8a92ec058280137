/**
 * GET /api/rounds/<id>/roll-up → per area, the branches' themes and top-voted ideas grouped
 * across branches by text similarity, and the copies already promoted to the central board
 * (with whether their originals changed). The round's facilitators only.
 */
import { NextResponse } from 'next/server'
import { roundRoute } from '@/app/_lib/roundRoute'

export const dynamic = 'force-dynamic'

export const GET = roundRoute<{ roundId: string }>({}, async ({ actor, params, app }) => {
  return NextResponse.json(await app.rounds.rollUp(actor, params.roundId), { headers: { 'cache-control': 'no-store' } })
})
