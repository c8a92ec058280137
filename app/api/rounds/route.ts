/**
 * GET  /api/rounds → { rounds }: the planning rounds the signed-in person facilitates.
 * POST /api/rounds { name, period, locale?, branches: [{ name, facilitatorEmail? }], existing?:
 * [{ boardId, branch }] } → 201 { round, centralBoardId, branches: [{ boardId, branch, inviteUrl }] }:
 * a round with its central board and a board per branch, each with its own participant invite
 * link (shown once) and, when named, its own facilitator. Staff only.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { DEFAULT_LOCALE, LOCALES } from '@/lib/i18n/locales'
import { publicOrigin } from '@/app/_lib/http'
import { roundRoute } from '@/app/_lib/roundRoute'

export const dynamic = 'force-dynamic'

/** A workshop of dozens of branches, with room to spare; more is a mistake, not a round. */
const MAX_BRANCHES = 100

const NewRound = z.object({
  name: z.string().trim().min(1).max(120),
  period: z.string().trim().max(40).default(''),
  locale: z.enum(LOCALES).default(DEFAULT_LOCALE),
  branches: z
    .array(z.object({ name: z.string().trim().min(1).max(80), facilitatorEmail: z.string().trim().email().max(200).optional() }))
    .max(MAX_BRANCHES)
    .default([]),
  existing: z
    .array(z.object({ boardId: z.string().min(1).max(64), branch: z.string().trim().max(80).default('') }))
    .max(MAX_BRANCHES)
    .default([]),
})

export const GET = roundRoute({}, async ({ actor, app }) => {
  return NextResponse.json({ rounds: await app.rounds.list(actor) })
})

export const POST = roundRoute({ body: NewRound }, async ({ request, actor, body, app }) => {
  const created = await app.rounds.create(actor, body)
  const origin = publicOrigin(request)
  return NextResponse.json(
    {
      round: created.round,
      centralBoardId: created.centralBoardId,
      branches: created.branches.map(({ inviteToken, ...branch }) => ({
        ...branch,
        inviteUrl: inviteToken ? `${origin}/join/${inviteToken}` : null,
      })),
    },
    { status: 201, headers: { 'cache-control': 'no-store' } },
  )
})
