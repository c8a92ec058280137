/**
 * Which shapes a picture export takes: the whole board, one area (its zone and the notes
 * tagged with it), or the selection.
 */
import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { readNoteMeta } from '@/lib/board/noteMeta'
import type { AreaId } from '@/lib/planning/planningModel'
import { areaShapeId } from '@/lib/board/template'

export type ExportScope = { kind: 'board' } | { kind: 'area'; areaId: AreaId } | { kind: 'selection' }

const isNote = (shape: TLShape) => shape.type === 'note'

function notesIn(editor: Editor, areas: ReadonlySet<AreaId>): TLShapeId[] {
  return editor
    .getCurrentPageShapes()
    .filter((shape) => isNote(shape) && areas.has(readNoteMeta(shape.meta).areaId as AreaId))
    .map((shape) => shape.id)
}

const existing = (editor: Editor, ids: TLShapeId[]) => ids.filter((id) => editor.getShape(id))

export function shapesForScope(editor: Editor, scope: ExportScope): TLShapeId[] {
  if (scope.kind === 'selection') return editor.getSelectedShapeIds()
  if (scope.kind === 'board') return [...editor.getCurrentPageShapeIds()]
  return existing(editor, [areaShapeId(scope.areaId), ...notesIn(editor, new Set([scope.areaId]))])
}
