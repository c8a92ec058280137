/**
 * GET /api/boards/<id>/plan.docx[?lang=sv|en] → the board's plan as a Word document, the same
 * content as plan.md. Any member.
 */
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'
import { requestLocale } from '@/app/_lib/boardReport'
import { loadBoardPlan } from '@/app/_lib/boardPlan'
import { contentDisposition } from '@/lib/export/fileName'
import { planToDocx } from '@/lib/plan/planDocx'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({}, async ({ request, user, board, app }) => {
  const plan = await loadBoardPlan(app, board, requestLocale(request, board))
  const body = await planToDocx(plan)
  await app.audit({ actor: actorOf(user), action: 'board-exported', boardId: board.id, targetId: null, detail: 'plan.docx' })
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': contentDisposition(board.name, plan.generatedAt, 'plan.docx'),
      'cache-control': 'no-store',
    },
  })
})
