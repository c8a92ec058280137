/**
 * POST /api/boards/<id>/snapshots/<snapshotId>/restore { mode }
 * - `in-place`: the board's content becomes the snapshot's for everyone connected, after the
 *   current state is kept as a snapshot → { restored, before } (restore `before` to undo).
 * - `new`: a new board with the snapshot's content, the caller its facilitator → 201 { id }.
 * Facilitators only; `new` needs a staff account.
 */
import { NextResponse } from 'next/server'
import { z } from 'zod'
import { boardRoute } from '@/app/_lib/boardRoute'
import { jsonError } from '@/app/_lib/http'

export const dynamic = 'force-dynamic'

const Restore = z.strictObject({ mode: z.enum(['in-place', 'new']) })

export const POST = boardRoute<{ boardId: string; snapshotId: string }, typeof Restore>(
  { roles: ['facilitator'], body: Restore },
  async ({ board, user, body, params, app }) => {
    const by = { id: user.id, name: user.name }
    await app.audit({ actor: by, action: 'snapshot-restored', boardId: board.id, targetId: params.snapshotId, detail: body.mode })
    if (body.mode === 'new') {
      if (user.kind !== 'staff') return jsonError(403, 'guests cannot create boards')
      const created = await app.snapshots.restoreAsNew(board.id, params.snapshotId, by)
      return created ? NextResponse.json(created, { status: 201 }) : jsonError(404, 'no such snapshot')
    }
    const restored = await app.snapshots.restoreInPlace(board.id, params.snapshotId, by)
    return restored ? NextResponse.json(restored) : jsonError(404, 'no such snapshot')
  },
)
