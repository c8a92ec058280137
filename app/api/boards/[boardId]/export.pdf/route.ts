/**
 * GET /api/boards/<id>/export.pdf[?lang=sv|en] → the board's report as a PDF for the meeting
 * notes: per step and area the notes as selectable text, most votes first, in the board's
 * language unless `lang` asks for another. Any member; authors only where the board shows them.
 *
 * POST with a PNG or JPEG body (`image/png`, `image/jpeg`, at most 12 MiB) → the same PDF with that picture of the
 * mind map on a page of its own (the browser sends its canvas; the server has no renderer).
 */
import { boardRoute } from '@/app/_lib/boardRoute'
import { actorOf } from '@/app/_lib/session'
import { loadBoardReport } from '@/app/_lib/boardReport'
import { jsonError } from '@/app/_lib/http'
import { readLimitedBody } from '@/app/_lib/readLimitedBody'
import { contentDisposition } from '@/lib/export/fileName'
import { reportToPdf } from '@/lib/export/reportPdf'

export const dynamic = 'force-dynamic'

const MAX_PICTURE_BYTES = 12 * 1024 * 1024
const SIGNATURES = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
  [0xff, 0xd8, 0xff], // JPEG
]

function pdfResponse(bytes: Uint8Array, name: string, at: number): Response {
  return new Response(Buffer.from(bytes), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': contentDisposition(name, at, 'pdf'),
      'cache-control': 'no-store',
    },
  })
}

export const GET = boardRoute({}, async ({ request, user, board, role, app }) => {
  const report = await loadBoardReport(app, board, role, request)
  await app.audit({ actor: actorOf(user), action: 'board-exported', boardId: board.id, targetId: null, detail: 'pdf' })
  return pdfResponse(await reportToPdf(report), board.name, report.generatedAt)
})

export const POST = boardRoute({}, async ({ request, board, role, app }) => {
  const body = await readLimitedBody(request, MAX_PICTURE_BYTES)
  if (!body.ok) return jsonError(413, 'the picture is too large')
  const bytes = body.bytes
  if (bytes.length < 8 || !SIGNATURES.some((signature) => signature.every((b, i) => bytes[i] === b)))
    return jsonError(400, 'send the picture as PNG or JPEG')
  const report = await loadBoardReport(app, board, role, request)
  try {
    return pdfResponse(await reportToPdf(report, { picture: bytes }), board.name, report.generatedAt)
  } catch {
    return jsonError(400, 'the picture could not be read')
  }
})
