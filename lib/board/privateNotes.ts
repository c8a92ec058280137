/** A note written during a private round, still hidden from everyone but its author. */
import type { TLRecord } from '@tldraw/tlschema'

export function isPrivateNote(record: TLRecord): boolean {
  return record.typeName === 'shape' && record.type === 'note' && typeof record.meta.privateRound === 'string'
}
