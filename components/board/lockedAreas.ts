import { computed } from '@tldraw/state'
import type { Editor, TLNoteShape, TLShape } from 'tldraw'
import { areaOfPoint, noteCentre, zonesOf } from '@/lib/board/areaOfPoint'
import { readNoteMeta } from '@/lib/board/noteMeta'
import type { AreaId } from '@/lib/planning/planningModel'

/**
 * Keeps this person from changing notes in areas the facilitator has locked (the server
 * enforces the same rule; this spares people edits that would be undone). Facilitators are
 * not held.
 */
export function registerLockedAreas(editor: Editor, state: () => { locked: AreaId[]; enforce: boolean }): () => void {
  // Cached between changes, as in noteTagging: a drag asks for every frame's old and new shape.
  const zones = computed('locked area zones', () => zonesOf(editor.getCurrentPageShapes()))
  const held = (shape: TLShape) => {
    const { locked, enforce } = state()
    if (!enforce || locked.length === 0 || shape.type !== 'note') return false
    const note = shape as TLNoteShape
    const tagged = readNoteMeta(note.meta).areaId
    const placed = areaOfPoint(zones.get(), noteCentre(note))
    return (tagged !== null && locked.includes(tagged)) || (placed !== null && locked.includes(placed))
  }
  const offChange = editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) =>
    source === 'user' && (held(prev) || held(next)) ? prev : next,
  )
  const offDelete = editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) =>
    source === 'user' && held(shape) ? false : undefined,
  )
  const offCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
    if (source === 'user' && held(shape)) queueMicrotask(() => editor.deleteShape(shape.id))
  })
  return () => {
    offChange()
    offDelete()
    offCreate()
  }
}
