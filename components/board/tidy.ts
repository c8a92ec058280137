import type { Editor, TLShapeId } from 'tldraw'
import { areaShapeId, isTemplateRecordId, LOOP_SHAPE_ID, stepShapeId } from '@/lib/board/template'
import { layoutTemplate, rectsOverlap } from '@/lib/board/templateLayout'
import { tidyZone } from '@/lib/board/tidyZone'
import { readNoteMeta } from '@/lib/board/noteMeta'
import { AREAS, STEPS, type AreaId } from '@/lib/planning/planningModel'

/**
 * Arranges every area's notes in a neat grid inside its zone, in reading order, and lays the
 * mind map out again around them — zones grow to fit their notes and nothing overlaps (the
 * same layout a new board gets). One undoable step; facilitators only (it moves the template).
 */
export function tidyBoard(editor: Editor): void {
  // A theme's notes are laid out by their theme, never one by one.
  const notes = editor
    .getCurrentPageShapes()
    .filter((shape) => shape.type === 'note' && shape.parentId === editor.getCurrentPageId())
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

/**
 * Arranges one area's notes in a neat grid inside its zone, growing the zone downwards when
 * they need more room. Should the grown zone then reach another part of the mind map, the
 * whole board is tidied instead, so the map stays readable. One undoable step.
 */
export function tidyArea(editor: Editor, areaId: AreaId): void {
  const zoneId = areaShapeId(areaId)
  const zoneShape = editor.getShape(zoneId)
  const zoneBounds = editor.getShapePageBounds(zoneId)
  if (!zoneShape || !zoneBounds) return
  const notes = editor
    .getCurrentPageShapes()
    .filter((shape) => shape.type === 'note' && shape.parentId === editor.getCurrentPageId() && readNoteMeta(shape.meta).areaId === areaId)
    .map((shape) => ({ shape, bounds: editor.getShapePageBounds(shape)! }))
    .filter((note) => !!note.bounds)
  const zone = { x: zoneBounds.x, y: zoneBounds.y, w: zoneBounds.w, h: zoneBounds.h }
  const tidied = tidyZone(
    zone,
    notes.map(({ shape, bounds }) => ({ id: shape.id, x: bounds.x, y: bounds.y, h: bounds.h })),
  )
  if (tidied.zone.h > zone.h) {
    const neighbours = editor
      .getCurrentPageShapes()
      .filter((shape) => shape.id !== zoneId && shape.type !== 'arrow' && isTemplateRecordId(shape.id))
      .map((shape) => editor.getShapePageBounds(shape))
    if (neighbours.some((bounds) => bounds && rectsOverlap(bounds, tidied.zone))) return tidyBoard(editor)
  }

  editor.markHistoryStoppingPoint('tidy area')
  editor.run(
    () => {
      const updates: { id: TLShapeId; type: string; x: number; y: number; props?: Record<string, number> }[] = tidied.notes.map(
        (slot) => ({ id: slot.id as TLShapeId, type: 'note', x: slot.x, y: slot.y }),
      )
      if (tidied.zone.h > zone.h) updates.push({ id: zoneId, type: 'area', x: zoneShape.x, y: zoneShape.y, props: { w: zone.w, h: tidied.zone.h } })
      editor.updateShapes(updates as never)
    },
    { ignoreShapeLock: true },
  )
}
