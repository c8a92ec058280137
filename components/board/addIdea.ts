import { createShapeId, startEditingShapeWithRichText, toRichText, type Editor } from 'tldraw'
import { areaShapeId } from '@/lib/board/template'
import { firstFreeNoteSlot } from '@/lib/board/noteSlots'
import type { AreaShape } from '@/lib/board/shapes'
import type { AreaId } from '@/lib/planning/planningModel'

/** Adds an empty note in the area's first free slot and starts editing it. */
export function addIdea(editor: Editor, areaId: AreaId): void {
  if (editor.getIsReadonly()) return
  const area = editor.getShape<AreaShape>(areaShapeId(areaId))
  if (!area) return
  const zone = { x: area.x, y: area.y, w: area.props.w, h: area.props.h }
  const occupied = editor
    .getCurrentPageShapes()
    .filter((shape) => shape.type === 'note' || shape.type === 'theme' || shape.type === 'commitment')
    .map((shape) => editor.getShapePageBounds(shape))
    .filter((bounds) => !!bounds)
    .map((b) => ({ x: b.x, y: b.y, w: b.w, h: b.h }))
  const { x, y } = firstFreeNoteSlot(zone, occupied)
  const id = createShapeId()
  editor.run(() => {
    editor.createShape({ id, type: 'note', x, y, props: { richText: toRichText('') } })
    editor.select(id)
  })
  startEditingShapeWithRichText(editor, id)
}
