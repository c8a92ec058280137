/**
 * GET /api/admin/audit[?format=csv|json][&before=<seq>][&limit=n][&board=<id>][&person=<id>]
 * → the audit log, newest first, as JSON (default) or CSV to download (administrators).
 */
import { NextResponse } from 'next/server'
import { adminRoute } from '@/app/_lib/adminRoute'
import { auditCsv } from '@/app/_lib/auditCsv'

export const dynamic = 'force-dynamic'

const MAX_LIMIT = 100_000

export const GET = adminRoute(async ({ request, app }) => {
  const url = new URL(request.url)
  const number = (name: string) => {
    const value = Number(url.searchParams.get(name))
    return Number.isSafeInteger(value) && value > 0 ? value : undefined
  }
  const entries = await app.store.audit.list({
    limit: Math.min(number('limit') ?? MAX_LIMIT, MAX_LIMIT),
    before: number('before'),
    boardId: url.searchParams.get('board') ?? undefined,
    actorId: url.searchParams.get('person') ?? undefined,
  })
  const stamp = new Date().toISOString().slice(0, 10)
  if (url.searchParams.get('format') === 'csv') {
    return new Response(auditCsv(entries), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="strategitavlan-logg-${stamp}.csv"`,
        'cache-control': 'no-store',
      },
    })
  }
  return NextResponse.json({ entries }, { headers: { 'cache-control': 'no-store' } })
})
