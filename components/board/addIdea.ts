import { createShapeId, startEditingShapeWithRichText, toRichText, type Editor } from 'tldraw'
import { areaShapeId } from '@/lib/board/template'
import { spotForNewNote } from '@/lib/board/boardLayout'
import type { AreaShape } from '@/lib/board/shapes'
import type { AreaId } from '@/lib/planning/planningModel'
import type { Rect } from '@/lib/board/templateLayout'

/**
 * Adds an empty note in the area's first free cell (or the row under a full zone, which the
 * server then takes into the grown zone) and starts editing it. Esc on it while still empty
 * removes it (see noteTagging.ts).
 */
/** Where the notes and blocks on the page lie (what a new note must not cover), in page space. */
export function takenOnPage(editor: Editor, except?: string): Rect[] {
  return editor
    .getCurrentPageShapes()
    .filter((shape) => shape.id !== except && (['note', 'theme', 'commitment'].includes(shape.type) || Object.hasOwn(shape.meta, 'areaId')))
    .map((shape) => editor.getShapePageBounds(shape))
    .filter((bounds) => !!bounds)
    .map((b) => ({ x: b.x, y: b.y, w: b.w, h: b.h }))
}

export function addIdea(editor: Editor, areaId: AreaId): void {
  if (editor.getIsReadonly()) return
  const area = editor.getShape<AreaShape>(areaShapeId(areaId))
  if (!area) return
  const zone = { x: area.x, y: area.y, w: area.props.w, h: area.props.h }
  const { x, y } = spotForNewNote(zone, takenOnPage(editor))
  const id = createShapeId()
  editor.run(() => {
    editor.createShape({ id, type: 'note', x, y, props: { richText: toRichText('') }, meta: { areaId } })
    editor.select(id)
  })
  startEditingShapeWithRichText(editor, id)
}
