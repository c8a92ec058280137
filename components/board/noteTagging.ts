import { computed } from '@tldraw/state'
import type { Editor, TLNoteShape, TLShape } from 'tldraw'
import { areaOfPoint, noteCentre, zonesOf } from '@/lib/board/areaOfPoint'
import { readNoteMeta } from '@/lib/board/noteMeta'
import { plainTextFromRichText } from '@/lib/board/richText'
import { spotNear } from '@/lib/board/boardLayout'
import { NOTE_SIZE } from '@/lib/board/templateLayout'
import type { AreaId } from '@/lib/planning/planningModel'
import { takenOnPage } from './addIdea'

/**
 * Keeps every note's area in its meta as notes are created and moved, and stamps new notes
 * with their author and time. Runs only for this user's own changes (`source === 'user'`):
 * remote notes arrive already tagged by their author's client.
 */
export interface TaggingContext {
  /** The active private round's id: new notes are marked private to it. */
  privateRoundId: string | null
  /** An anonymous board records no authors. */
  anonymous: boolean
}

export function registerNoteTagging(editor: Editor, author: { id: string; name: string }, context: () => TaggingContext): () => void {
  const zones = computed('area zones', () => zonesOf(editor.getCurrentPageShapes()))

  const areaOf = (note: TLNoteShape) => {
    let centre = noteCentre(note)
    // A note inside a frame or group has coordinates relative to its parent.
    if (!note.parentId.startsWith('page:')) {
      const parent = editor.getShapePageTransform(note.parentId as TLShape['id'])
      if (parent) centre = parent.applyToPoint(centre)
    }
    return areaOfPoint(zones.get(), centre)
  }

  /**
   * A note dropped with the note tool onto others, a zone's header or its edge goes at once to
   * the free cell nearest to where it was dropped (the server would move it there later).
   */
  const droppedSpot = (note: TLNoteShape, areaId: AreaId | null): { x: number; y: number } => {
    const here = { x: note.x, y: note.y }
    if (!areaId || !editor.isIn('note') || !note.parentId.startsWith('page:')) return here
    const zone = zones.get().find((z) => z.areaId === areaId)
    if (!zone) return here
    const scale = note.props.scale || 1
    const size = { w: NOTE_SIZE * scale, h: (NOTE_SIZE + note.props.growY) * scale }
    return spotNear(zone.rect, takenOnPage(editor, note.id), here, size)
  }

  const offCreate = editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
    if (source !== 'user' || shape.type !== 'note') return shape
    const note = shape as TLNoteShape
    const meta = readNoteMeta(note.meta)
    const { privateRoundId, anonymous } = context()
    // A note made for an area (Lägg till idé, the outline) may start under a full zone, which
    // the server grows to take it in: the area it was made for stands.
    const areaId = meta.areaId ?? areaOf(note)
    const tagged: TLNoteShape['meta'] = { ...note.meta, areaId, createdAt: meta.createdAt ?? Date.now() }
    if (!anonymous) tagged.createdBy = meta.createdBy ?? { id: author.id, name: author.name }
    if (privateRoundId && typeof note.meta.privateRound !== 'string') tagged.privateRound = privateRoundId
    return { ...note, ...droppedSpot(note, areaId), meta: tagged }
  })

  const offChange = editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
    if (source !== 'user' || next.type !== 'note') return next
    const note = next as TLNoteShape
    const before = prev as TLNoteShape
    // Exports show when a note's text last changed.
    const edited = before.props.richText !== note.props.richText
    const stamped = edited ? { ...note, meta: { ...note.meta, updatedAt: Date.now() } } : note
    // Only a person moving the note changes its area: a note growing with its text (which can
    // carry its centre out of the zone until the zone grows) keeps the one it has.
    const moved = before.x !== note.x || before.y !== note.y || before.parentId !== note.parentId
    if (!moved && Object.hasOwn(note.meta, 'areaId')) return stamped
    // A move made for an area (the outline's *Flytta*) names the area itself, and may put the
    // note under a full zone until the server grows it: the area it names stands.
    const named = note.meta.areaId
    if (typeof named === 'string' && named !== before.meta.areaId) return stamped
    const areaId = areaOf(note)
    if (note.meta.areaId === areaId) return stamped
    return { ...stamped, meta: { ...stamped.meta, areaId } }
  })

  // A note left empty when its editing ends (Esc right after Lägg till idé) is no idea: it
  // goes, so it never counts or exports.
  const offEditEnd = editor.sideEffects.registerAfterChangeHandler('instance_page_state', (prev, next, source) => {
    if (source !== 'user' || !prev.editingShapeId || prev.editingShapeId === next.editingShapeId) return
    const shape = editor.getShape(prev.editingShapeId)
    if (!shape || shape.type !== 'note' || editor.getIsReadonly()) return
    if (plainTextFromRichText((shape as TLNoteShape).props.richText).trim() === '') editor.deleteShape(shape.id)
  })

  return () => {
    offCreate()
    offChange()
    offEditEnd()
  }
}
