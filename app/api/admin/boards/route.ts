/** GET /api/admin/boards → every board, deleted ones included (administrators). */
import { NextResponse } from 'next/server'
import { adminRoute } from '@/app/_lib/adminRoute'

export const dynamic = 'force-dynamic'

export const GET = adminRoute(async ({ app }) => {
  return NextResponse.json({ boards: await app.store.boards.listAll(), graceDays: app.boards.graceDays })
})
