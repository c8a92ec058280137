/**
 * GET /api/boards/<id>/export.md[?lang=sv|en] → the board's report as Markdown, step → area →
 * notes by votes, in the board's language unless `lang` asks for another. Any member.
 */
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'
import { downloadResponse, loadBoardReport } from '@/app/_lib/boardReport'
import { reportToMarkdown } from '@/lib/export/reportMarkdown'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({}, async ({ request, user, board, role, app }) => {
  const report = await loadBoardReport(app, board, role, request)
  await app.audit({ actor: actorOf(user), action: 'board-exported', boardId: board.id, targetId: null, detail: 'md' })
  return downloadResponse(reportToMarkdown(report), 'text/markdown; charset=utf-8', board, report.generatedAt, 'md')
})
