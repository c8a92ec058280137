/**
 * GET  /api/boards/<id>/snapshots → { snapshots: [{ id, name, kind, createdBy, createdAt,
 *      noteCount, bytes }] }, newest first.
 * POST /api/boards/<id>/snapshots { name? } → 201 { snapshot }: saves the board as it is now.
 * Facilitators only.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { boardRoute } from '@/app/_lib/boardRoute'
import { currentSnapshotName } from '@/lib/board/snapshotNames'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({ roles: ['facilitator'] }, async ({ board, app }) => {
  // Names older servers gave are shown as today's (see currentSnapshotName).
  const snapshots = (await app.store.snapshots.list(board.id)).map((s) => ({ ...s, name: currentSnapshotName(s, board.locale) }))
  return NextResponse.json({ snapshots }, { headers: { 'cache-control': 'no-store' } })
})

const NewSnapshot = z.strictObject({ name: z.string().trim().min(1).max(120).optional() })

export const POST = boardRoute({ roles: ['facilitator'], body: NewSnapshot }, async ({ board, user, body, app }) => {
  const by = { id: user.id, name: user.name }
  const snapshot = await app.snapshots.take(board.id, body.name ?? null, by, 'manual')
  return NextResponse.json({ snapshot }, { status: 201 })
})
