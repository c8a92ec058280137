/**
 * GET /api/boards/<id>/export.json[?lang=sv|en] → the report as JSON
 * (`format: "strategitavlan-report"`, `version: 1`): steps, areas, notes with votes. Any member.
 */
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'
import { downloadResponse, loadBoardReport } from '@/app/_lib/boardReport'
import { reportToJson } from '@/lib/export/reportJson'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({}, async ({ request, user, board, role, app }) => {
  const report = await loadBoardReport(app, board, role, request)
  await app.audit({ actor: actorOf(user), action: 'board-exported', boardId: board.id, targetId: null, detail: 'json' })
  return downloadResponse(reportToJson(report), 'application/json; charset=utf-8', board, report.generatedAt, 'json')
})
