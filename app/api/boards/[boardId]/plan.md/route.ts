/**
 * GET /api/boards/<id>/plan.md[?lang=sv|en] → the board's plan as Markdown: per step and area,
 * commitments with owner, period and indicator, then supporting themes and top ideas. Any
 * member (the plan names no authors).
 */
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'
import { downloadResponse, requestLocale } from '@/app/_lib/boardReport'
import { loadBoardPlan } from '@/app/_lib/boardPlan'
import { planToMarkdown } from '@/lib/plan/planMarkdown'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({}, async ({ request, user, board, app }) => {
  const plan = await loadBoardPlan(app, board, requestLocale(request, board))
  await app.audit({ actor: actorOf(user), action: 'board-exported', boardId: board.id, targetId: null, detail: 'plan.md' })
  return downloadResponse(planToMarkdown(plan), 'text/markdown; charset=utf-8', board, plan.generatedAt, 'plan.md')
})
