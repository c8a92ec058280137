/**
 * GET  /api/boards/<id>/invites → { invites: [...] } (facilitators; tokens are never shown again)
 * POST /api/boards/<id>/invites { role?, expiresInHours?, label? } → { invite, url }: a link
 * for people without an account (a remote branch, say) to join this board as guests.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { hashInviteToken, newInviteToken } from '@/lib/auth/inviteToken'
import { BOARD_ROLES } from '@/lib/auth/roles'
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'
import { jsonError, publicOrigin } from '@/app/_lib/http'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({ roles: ['facilitator'] }, async ({ board, app }) => {
  return NextResponse.json({ invites: await app.store.invites.listForBoard(board.id) })
})

const NewInvite = z.object({
  role: z.enum(BOARD_ROLES).default('participant'),
  expiresInHours: z
    .number()
    .min(0.25)
    .max(24 * 30)
    .default(24),
  label: z
    .string()
    .trim()
    .max(80)
    .optional()
    .transform((label) => label || null),
})

export const POST = boardRoute({ roles: ['facilitator'], body: NewInvite }, async ({ request, user, board, body, app }) => {
  // An invite names the staff account that made it: a guest facilitator (who came by a link
  // themselves) cannot hand out links of their own.
  if (user.kind !== 'staff') return jsonError(403, 'only staff accounts can create invite links')
  const token = newInviteToken()
  const invite = await app.store.invites.create({
    boardId: board.id,
    role: body.role,
    label: body.label,
    createdBy: user.id,
    expiresAt: Date.now() + body.expiresInHours * 60 * 60 * 1000,
    tokenHash: hashInviteToken(token),
  })
  await app.audit({ actor: actorOf(user), action: 'invite-created', boardId: board.id, targetId: invite.id, detail: body.role })
  return NextResponse.json(
    { invite, url: `${publicOrigin(request)}/join/${token}` },
    { status: 201, headers: { 'cache-control': 'no-store' } },
  )
})
