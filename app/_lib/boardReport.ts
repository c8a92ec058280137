/**
 * The board report for route handlers: read from the live document (through the sync server,
 * so it includes every stored change) in the language asked for or the board's own.
 */
import type { BoardRole } from '@/lib/auth/roles'
import { boardDocId } from '@/lib/board/docIds'
import { readBoard } from '@/lib/board/readModel'
import { readReportFacts } from '@/lib/export/boardFacts'
import { contentDisposition } from '@/lib/export/fileName'
import { buildReport, type Report } from '@/lib/export/report'
import { isLocale, type Locale } from '@/lib/i18n/locales'
import type { AppContext } from '@/lib/runtime/appContext'
import type { BoardRecord } from '@/lib/store/types'

/** The language a request asks for (`?lang=sv|en`), or the board's own. */
export function requestLocale(request: Request, board: BoardRecord): Locale {
  const lang = new URL(request.url).searchParams.get('lang')
  return isLocale(lang) ? lang : board.locale
}

/**
 * `role` is the reader's. Authors the board hides are left out for everyone, facilitators
 * too: a report is printed and passed on, and the room was told the names are hidden.
 */
export async function loadBoardReport(app: AppContext, board: BoardRecord, _role: BoardRole, request: Request): Promise<Report> {
  const locale = requestLocale(request, board)
  const generatedAt = Date.now()
  return app.sync.readDoc(boardDocId(board.id), (doc) =>
    buildReport(readBoard(doc, locale), readReportFacts(doc, { seesHiddenAuthors: false }), {
      boardId: board.id,
      boardName: board.name,
      locale,
      generatedAt,
    }),
  )
}

/** A download of `body`: never cached (next.config.js adds nosniff, as to every answer). */
export function downloadResponse(body: string, contentType: string, board: BoardRecord, at: number, extension: string): Response {
  return new Response(body, {
    headers: {
      'content-type': contentType,
      'content-disposition': contentDisposition(board.name, at, extension),
      'cache-control': 'no-store',
    },
  })
}
