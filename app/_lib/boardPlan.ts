/**
 * The board's plan for route handlers and the printable page: read from the live document
 * (through the sync server) in the language asked for or the board's own.
 */
import { boardDocId } from '@/lib/board/docIds'
import type { Plan } from '@/lib/plan/buildPlan'
import { readPlan } from '@/lib/plan/readPlan'
import type { Locale } from '@/lib/i18n/locales'
import type { AppContext } from '@/lib/runtime/appContext'
import type { BoardRecord } from '@/lib/store/types'

export function loadBoardPlan(app: AppContext, board: BoardRecord, locale: Locale): Promise<Plan> {
  const generatedAt = Date.now()
  return app.sync.readDoc(boardDocId(board.id), (doc) => readPlan(doc, { boardId: board.id, boardName: board.name, locale, generatedAt }))
}
