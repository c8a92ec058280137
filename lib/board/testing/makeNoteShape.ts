/**
 * A valid tldraw note record for tests: what a client would write into the board's record
 * store, with only the parts a test cares about given.
 */
import { createShapeId, toRichText, type TLNoteShape, type TLRichText } from '@tldraw/tlschema'
import type { IndexKey, JsonObject } from '@tldraw/utils'
import { BOARD_PAGE_ID } from '../template'

export interface NoteShapeOptions {
  /** Becomes `shape:<id>`. */
  id: string
  x: number
  y: number
  text?: string
  /** Overrides `text` when a test needs a particular rich-text structure. */
  richText?: TLRichText
  meta?: JsonObject
  growY?: number
}

export function makeNoteShape(options: NoteShapeOptions): TLNoteShape {
  return {
    id: createShapeId(options.id),
    typeName: 'shape',
    type: 'note',
    x: options.x,
    y: options.y,
    rotation: 0,
    index: 'a1' as IndexKey,
    parentId: BOARD_PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: options.meta ?? {},
    props: {
      color: 'yellow',
      labelColor: 'black',
      size: 's',
      font: 'sans',
      fontSizeAdjustment: 1,
      align: 'middle',
      verticalAlign: 'middle',
      growY: options.growY ?? 0,
      url: '',
      richText: options.richText ?? toRichText(options.text ?? ''),
      scale: 1,
      textFirstEditedBy: null,
    },
  }
}
