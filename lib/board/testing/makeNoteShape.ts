/**
 * A valid tldraw note record for tests: what a client would write into the board's record
 * store, with only the parts a test cares about given.
 */
import { createShapeId, type TLNoteShape, type TLRichText } from '@tldraw/tlschema'
import type { JsonObject } from '@tldraw/utils'
import { buildNoteRecord } from '../noteRecord'

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
  return buildNoteRecord({
    id: createShapeId(options.id),
    x: options.x,
    y: options.y,
    text: options.text,
    richText: options.richText,
    meta: options.meta,
    growY: options.growY,
    size: 's',
    font: 'sans',
  })
}
