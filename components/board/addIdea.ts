import { createShapeId, startEditingShapeWithRichText, toRichText, type Editor } from 'tldraw'
import { areaShapeId } from '@/lib/board/template'
import { spotForNewNote } from '@/lib/board/boardLayout'
import type { AreaShape } from '@/lib/board/shapes'
import type { AreaId } from '@/lib/planning/planningModel'

/**
 * Adds an empty note in the area's first free cell (or the row under a full zone, which the
 * server then takes into the grown zone) and starts editing it. Esc on it while still empty
 * removes it (see noteTagging.ts).
 */
export function addIdea(editor: Editor, areaId: AreaId): void {
  if (editor.getIsReadonly()) return
  const area = editor.getShape<AreaShape>(areaShapeId(areaId))
  if (!area) return
  const zone = { x: area.x, y: area.y, w: area.props.w, h: area.props.h }
  const occupied = editor
    .getCurrentPageShapes()
    .filter((shape) => ['note', 'theme', 'commitment'].includes(shape.type) || Object.hasOwn(shape.meta, 'areaId'))
    .map((shape) => editor.getShapePageBounds(shape))
    .filter((bounds) => !!bounds)
    .map((b) => ({ x: b.x, y: b.y, w: b.w, h: b.h }))
  const { x, y } = spotForNewNote(zone, occupied)
  const id = createShapeId()
  editor.run(() => {
    editor.createShape({ id, type: 'note', x, y, props: { richText: toRichText('') }, meta: { areaId } })
    editor.select(id)
  })
  startEditingShapeWithRichText(editor, id)
}
