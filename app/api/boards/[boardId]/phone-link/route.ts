/**
 * The board's standing phone link (lib/auth/phoneLink.ts). Facilitators only.
 * GET    → { url, expiresAt }: the link in use, made on first use; the same each time.
 * POST   { action: "renew" } → a new link; the old one stops admitting anyone new.
 * DELETE → 204; the link is revoked and guests who joined through it lose access.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { hashInviteToken } from '@/lib/auth/inviteToken'
import { PHONE_LINK_LABEL, PHONE_LINK_LIFETIME_MS, phoneLinkToken, phoneLinks } from '@/lib/auth/phoneLink'
import type { AppContext } from '@/lib/runtime/appContext'
import { boardRoute } from '@/app/_lib/boardRoute'
import { publicOrigin } from '@/app/_lib/http'

export const dynamic = 'force-dynamic'

async function standingLink(app: AppContext, boardId: string, userId: string, renew: boolean) {
  const now = Date.now()
  const links = phoneLinks(await app.store.invites.listForBoard(boardId), now)
  if (links.current && !renew)
    return { token: phoneLinkToken(app.authSecret, boardId, links.current.generation), invite: links.current.invite }
  if (links.current) await app.store.invites.revoke(links.current.invite.id, now)
  const token = phoneLinkToken(app.authSecret, boardId, links.nextGeneration)
  const invite = await app.store.invites.create({
    boardId,
    role: 'participant',
    label: PHONE_LINK_LABEL,
    createdBy: userId,
    expiresAt: now + PHONE_LINK_LIFETIME_MS,
    tokenHash: hashInviteToken(token),
  })
  return { token, invite }
}

const answer = (request: Request, { token, invite }: { token: string; invite: { expiresAt: number } }) =>
  NextResponse.json(
    { url: `${publicOrigin(request)}/join/${token}?to=phone`, expiresAt: invite.expiresAt },
    { headers: { 'cache-control': 'no-store' } },
  )

export const GET = boardRoute({ roles: ['facilitator'] }, async ({ request, user, board, app }) =>
  answer(request, await standingLink(app, board.id, user.id, false)),
)

export const POST = boardRoute(
  { roles: ['facilitator'], body: z.object({ action: z.literal('renew') }) },
  async ({ request, user, board, app }) => answer(request, await standingLink(app, board.id, user.id, true)),
)

export const DELETE = boardRoute({ roles: ['facilitator'] }, async ({ board, app }) => {
  const links = phoneLinks(await app.store.invites.listForBoard(board.id), Date.now())
  if (links.current) await app.store.invites.revoke(links.current.invite.id)
  return new Response(null, { status: 204 })
})
