/**
 * POST /api/rounds/<id>/facilitators { email } → 204: another facilitator of the round, who
 * gets the facilitator role on every board of it the caller holds. The round's facilitators only.
 */
import { z } from 'zod'
import { roundRoute } from '@/app/_lib/roundRoute'

export const dynamic = 'force-dynamic'

const NewFacilitator = z.object({ email: z.string().trim().email().max(200) })

export const POST = roundRoute<{ roundId: string }, typeof NewFacilitator>(
  { body: NewFacilitator },
  async ({ actor, body, params, app }) => {
    await app.rounds.addFacilitator(actor, params.roundId, body.email)
    return new Response(null, { status: 204 })
  },
)
