/**
 * Which records of a board only facilitators (and the server) may change: the template's,
 * and notes in areas the facilitator has locked — judged by the area a note says it is in
 * and by where it actually lies, before and after the change.
 */
import type * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { areaOfPoint, isNoteShape, noteCentre, zonesOf } from '../../lib/board/areaOfPoint'
import { readRecords } from '../../lib/board/docLayout'
import { readNoteMeta } from '../../lib/board/noteMeta'
import { readSession } from '../../lib/board/session'
import { isTemplateRecordId } from '../../lib/board/template'

export function facilitatorOnlyRecords(doc: Y.Doc): (key: string, value: unknown) => boolean {
  return (key, value) => {
    if (isTemplateRecordId(key)) return true
    const record = value as TLRecord | undefined
    if (!isNoteShape(record)) return false
    const locked = readSession(doc).lockedAreas
    if (locked.length === 0) return false
    const tagged = readNoteMeta(record.meta).areaId
    if (tagged && locked.includes(tagged)) return true
    const placed = record.parentId.startsWith('page:') ? areaOfPoint(zonesOf(readRecords(doc).values()), noteCentre(record)) : null
    return placed !== null && locked.includes(placed)
  }
}
