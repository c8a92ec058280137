/**
 * GET /api/boards/<id>/export.csv[?lang=sv|en][&sep=semicolon] → one row per note (step,
 * perspective, area, text, author unless the board is anonymous or hides authors from the reader, votes, created, changed),
 * UTF-8 with a byte-order mark, safe to open in a spreadsheet. Any member.
 */
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'
import { downloadResponse, loadBoardReport } from '@/app/_lib/boardReport'
import { reportToCsv } from '@/lib/export/reportCsv'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({}, async ({ request, user, board, role, app }) => {
  const report = await loadBoardReport(app, board, role, request)
  const separator = new URL(request.url).searchParams.get('sep') === 'semicolon' ? ';' : ','
  await app.audit({ actor: actorOf(user), action: 'board-exported', boardId: board.id, targetId: null, detail: 'csv' })
  return downloadResponse(reportToCsv(report, { separator }), 'text/csv; charset=utf-8', board, report.generatedAt, 'csv')
})
