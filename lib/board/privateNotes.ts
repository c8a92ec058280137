/** A note written during a private round, still hidden from everyone but its author. */
import type { TLRecord } from '@tldraw/tlschema'

export function isPrivateNote(record: TLRecord): boolean {
  return record.typeName === 'shape' && record.type === 'note' && typeof record.meta.privateRound === 'string'
}

/** A note's meta without its private-round mark: what publishing it on the board keeps. */
export function withoutPrivateRound<M extends Record<string, unknown>>(meta: M): M {
  const rest = { ...meta }
  delete rest.privateRound
  return rest
}
