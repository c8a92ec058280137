/**
 * GET /api/rounds/<id>/overview → per board of the round: notes, themes and votes per step and
 * area, who took part, whether it is done. Read on the server through the read model; the
 * overview page polls it. The round's facilitators only.
 */
import { NextResponse } from 'next/server'
import { roundRoute } from '@/app/_lib/roundRoute'

export const dynamic = 'force-dynamic'

export const GET = roundRoute<{ roundId: string }>({}, async ({ actor, params, app }) => {
  return NextResponse.json(await app.rounds.overview(actor, params.roundId), { headers: { 'cache-control': 'no-store' } })
})
