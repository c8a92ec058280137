import type { Editor, TLShapeId } from 'tldraw'
import { areaShapeId, LOOP_SHAPE_ID, stepShapeId } from '@/lib/board/template'
import { layoutTemplate } from '@/lib/board/templateLayout'
import { readNoteMeta } from '@/lib/board/noteMeta'
import { AREAS, STEPS, type AreaId } from '@/lib/planning/planningModel'

/**
 * Arranges every area's notes in a neat grid inside its zone, in reading order, and lays the
 * mind map out again around them — zones grow to fit their notes and nothing overlaps (the
 * same layout a new board gets). One undoable step; facilitators only (it moves the template).
 */
export function tidyBoard(editor: Editor): void {
  const notes = editor
    .getCurrentPageShapes()
    .filter((shape) => shape.type === 'note')
    .map((shape) => ({ shape, areaId: readNoteMeta(shape.meta).areaId, bounds: editor.getShapePageBounds(shape)! }))
    .filter((note): note is typeof note & { areaId: AreaId } => note.areaId !== null && !!note.bounds)
    .sort((a, b) => a.bounds.y - b.bounds.y || a.bounds.x - b.bounds.x)
  const layout = layoutTemplate(notes.map((note) => ({ areaId: note.areaId, height: note.bounds.h })))

  editor.markHistoryStoppingPoint('tidy board')
  editor.run(
    () => {
      const updates: { id: TLShapeId; type: string; x: number; y: number; props?: Record<string, number> }[] = []
      for (const area of AREAS) {
        const rect = layout.areas[area.id]
        updates.push({ id: areaShapeId(area.id), type: 'area', x: rect.x, y: rect.y, props: { w: rect.w, h: rect.h } })
      }
      for (const step of STEPS) {
        const rect = layout.steps[step.number]
        updates.push({ id: stepShapeId(step.number), type: 'step', x: rect.x, y: rect.y, props: { w: rect.w, h: rect.h } })
      }
      updates.push({ id: LOOP_SHAPE_ID, type: 'loop', x: layout.loop.x, y: layout.loop.y, props: { w: layout.loop.w, h: layout.loop.h } })
      layout.notes.forEach((slot) => {
        const note = notes[slot.index]
        updates.push({ id: note.shape.id, type: 'note', x: slot.x, y: slot.y })
      })
      editor.updateShapes(updates.filter((update) => editor.getShape(update.id)) as never)
    },
    { ignoreShapeLock: true },
  )
}
