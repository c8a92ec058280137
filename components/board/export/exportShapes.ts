/**
 * Which shapes an image or PDF export takes: the whole board, one area (its zone and the notes
 * tagged with it), the selection, or one step (its card, its areas, their notes and the arrows
 * between them).
 */
import type { Editor, TLArrowBinding, TLShape, TLShapeId } from 'tldraw'
import { readNoteMeta } from '@/lib/board/noteMeta'
import { AREAS, type AreaId, type StepNumber } from '@/lib/planning/planningModel'
import { areaShapeId, stepShapeId } from '@/lib/board/template'

export type ExportScope = { kind: 'board' } | { kind: 'area'; areaId: AreaId } | { kind: 'selection' }

const isNote = (shape: TLShape) => shape.type === 'note'

function notesIn(editor: Editor, areas: ReadonlySet<AreaId>): TLShapeId[] {
  return editor
    .getCurrentPageShapes()
    .filter((shape) => isNote(shape) && areas.has(readNoteMeta(shape.meta).areaId as AreaId))
    .map((shape) => shape.id)
}

/** Arrows both of whose ends are bound to shapes in `ids`. */
function arrowsWithin(editor: Editor, ids: ReadonlySet<TLShapeId>): TLShapeId[] {
  return editor
    .getCurrentPageShapes()
    .filter((shape) => {
      if (shape.type !== 'arrow') return false
      const bindings = editor.getBindingsFromShape<TLArrowBinding>(shape.id, 'arrow')
      return bindings.length === 2 && bindings.every((binding) => ids.has(binding.toId))
    })
    .map((shape) => shape.id)
}

const existing = (editor: Editor, ids: TLShapeId[]) => ids.filter((id) => editor.getShape(id))

export function shapesForScope(editor: Editor, scope: ExportScope): TLShapeId[] {
  if (scope.kind === 'selection') return editor.getSelectedShapeIds()
  if (scope.kind === 'board') return [...editor.getCurrentPageShapeIds()]
  return existing(editor, [areaShapeId(scope.areaId), ...notesIn(editor, new Set([scope.areaId]))])
}

export function shapesForStep(editor: Editor, step: StepNumber): TLShapeId[] {
  const areas = AREAS.filter((area) => area.step === step).map((area) => area.id)
  const frame = existing(editor, [stepShapeId(step), ...areas.map(areaShapeId)])
  return [...frame, ...arrowsWithin(editor, new Set(frame)), ...notesIn(editor, new Set(areas))]
}

/** Everyone who wrote a note or is on the board now (with this person), counted once. */
export function countParticipants(editor: Editor): number {
  const ids = new Set<string>([editor.user.getId()])
  for (const shape of editor.getCurrentPageShapes()) {
    const author = isNote(shape) ? readNoteMeta(shape.meta).createdBy : undefined
    if (author) ids.add(author.id)
  }
  for (const collaborator of editor.getCollaborators()) ids.add(collaborator.userId)
  return ids.size
}

export function countNotes(editor: Editor): number {
  return editor.getCurrentPageShapes().filter(isNote).length
}
