import type { Editor, TLBinding, TLRecord, TLShape } from 'tldraw'
import { arrangeRecords } from '@/lib/board/arrangeRecords'
import { isTemplateRecordId } from '@/lib/board/template'
import type { AreaId } from '@/lib/planning/planningModel'

/**
 * Tidying, with the board's one layout (lib/board/boardLayout.ts): the chosen zones laid out
 * afresh in reading order — most votes first after a voting round, otherwise oldest first — in
 * a compact grid, and the map re-flowed around them so nothing overlaps. Every note keeps its
 * area. Tidying all also gathers the notes of no area into the *Utanför områdena* tray. One
 * undoable step; facilitators only (it moves the template).
 */
export function tidyBoard(editor: Editor, votes?: ReadonlyMap<string, number>): void {
  tidy(editor, 'all', votes)
}

export function tidyArea(editor: Editor, areaId: AreaId, votes?: ReadonlyMap<string, number>): void {
  tidy(editor, new Set([areaId]), votes)
}

/** Votes dominate the order; creation time breaks ties (and orders a board without votes). */
const VOTE_WEIGHT = 1e14

function tidy(editor: Editor, areas: 'all' | ReadonlySet<AreaId>, votes?: ReadonlyMap<string, number>) {
  const records = new Map<string, TLRecord>(editor.store.allRecords().map((record) => [record.id, record]))
  const rank = new Map<string, number>()
  for (const record of records.values()) {
    if (record.typeName !== 'shape') continue
    const createdAt = typeof record.meta.createdAt === 'number' ? record.meta.createdAt : 0
    rank.set(record.id, createdAt - (votes?.get(record.id) ?? 0) * VOTE_WEIGHT)
  }
  // Only the tidied zones' notes move on their own; the rest of the board keeps its places.
  const changed = arrangeRecords(records, { tidy: areas, rank, movable: () => false })
  if (changed.length === 0) return
  editor.markHistoryStoppingPoint('tidy')
  editor.run(
    () => {
      const shapes = changed.filter((record): record is TLShape => record.typeName === 'shape')
      const bindings = changed.filter((record): record is TLBinding => record.typeName === 'binding')
      const created = shapes.filter((shape) => !editor.getShape(shape.id))
      if (created.length > 0) editor.createShapes(created)
      // The map first: a moved note's area is judged against the zones where they now are.
      const isItem = (shape: TLShape) => !isTemplateRecordId(shape.id)
      editor.updateShapes(shapes.filter((shape) => editor.getShape(shape.id) && !isItem(shape)))
      if (bindings.length > 0) editor.updateBindings(bindings)
      editor.updateShapes(shapes.filter((shape) => editor.getShape(shape.id) && isItem(shape)))
    },
    { ignoreShapeLock: true },
  )
}
