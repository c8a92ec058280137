/**
 * GET /api/boards/<id>/themes/suggest?area=<areaId> → { area, proposals: [{ title, noteIds }] }:
 * the area's notes that are in no theme yet, clustered by what they say (lib/themes), as
 * proposals the facilitator accepts, edits or rejects on the board. Facilitators only; the
 * server only reads — accepting a proposal is the facilitator's own edit.
 */
import { NextResponse } from 'next/server'
import { boardRoute } from '@/app/_lib/boardRoute'
import { jsonError } from '@/app/_lib/http'
import { readBoard } from '@/lib/board/readModel'
import { isAreaId } from '@/lib/planning/planningModel'
import { suggestThemes } from '@/lib/themes/suggestThemes'

export const dynamic = 'force-dynamic'

export const GET = boardRoute({ roles: ['facilitator'] }, async ({ request, board, app }) => {
  const areaId = new URL(request.url).searchParams.get('area')
  if (!isAreaId(areaId)) return jsonError(400, 'area must name one of the board’s areas')
  const notes = await app.sync.readDoc(board.id, (doc) => {
    const view = readBoard(doc, board.locale)
    const area = view.steps.flatMap((step) => step.areas).find((a) => a.id === areaId)!
    return area.notes.filter((note) => note.themeId === null && note.text.trim() !== '').map(({ id, text }) => ({ id, text }))
  })
  const proposals = suggestThemes(notes, { locale: board.locale })
  return NextResponse.json({ area: areaId, proposals })
})
