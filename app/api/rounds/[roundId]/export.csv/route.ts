/**
 * GET /api/rounds/<id>/export.csv[?sep=semicolon] → every note of every board of the round, a
 * row each with its branch first (lib/rounds/roundCsv.ts). The round's facilitators only.
 */
import { roundRoute } from '@/app/_lib/roundRoute'
import { contentDisposition } from '@/lib/export/fileName'

export const dynamic = 'force-dynamic'

export const GET = roundRoute<{ roundId: string }>({}, async ({ request, actor, params, app }) => {
  const separator = new URL(request.url).searchParams.get('sep') === 'semicolon' ? ';' : ','
  const { round, csv } = await app.rounds.exportCsv(actor, params.roundId, separator)
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition(round.name, Date.now(), 'csv'),
      'cache-control': 'no-store',
    },
  })
})
