/** GET /api/rounds/<id> → { round, boards }: the round and its boards (the round's facilitators). */
import { NextResponse } from 'next/server'
import { roundRoute } from '@/app/_lib/roundRoute'

export const dynamic = 'force-dynamic'

export const GET = roundRoute<{ roundId: string }>({}, async ({ actor, params, app }) => {
  return NextResponse.json(await app.rounds.get(actor, params.roundId))
})
