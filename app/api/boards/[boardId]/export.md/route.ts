/**
 * GET /api/boards/<id>/export.md[?lang=sv|en] → the board's report as Markdown, step → area →
 * notes by votes, in the board's language unless `lang` asks for another. Any member.
 */
import { boardRoute } from '@/app/_lib/boardRoute'
import { downloadResponse, loadBoardReport } from '@/app/_lib/boardReport'
import { reportToMarkdown } from '@/lib/export/reportMarkdown'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({}, async ({ request, board, role, app }) => {
  const report = await loadBoardReport(app, board, role, request)
  return downloadResponse(reportToMarkdown(report), 'text/markdown; charset=utf-8', board, report.generatedAt, 'md')
})
