/**
 * Which records of a board only facilitators (and the server) may change: the template's,
 * commitments (facilitators decide what becomes the plan; participants propose with notes and
 * themes), and notes in areas the facilitator has locked — judged by the area a note says it is in
 * and by where it actually lies, before and after the change.
 */
import type * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { areaOfPoint, isNoteShape, noteCentre, zonesOf, type AreaZone } from '../../lib/board/areaOfPoint'
import { readRecords } from '../../lib/board/docLayout'
import { readNoteMeta } from '../../lib/board/noteMeta'
import { isCommitmentShape } from '../../lib/board/planShapes'
import { readSession } from '../../lib/board/session'
import { isTemplateRecordId } from '../../lib/board/template'
import type { AreaId } from '../../lib/planning/planningModel'

/**
 * The template guard's `protects` for boards: called once per change, it returns a
 * judge for that change's records that reads the locked areas, and the zones, at most once.
 */
export function facilitatorOnlyRecords(doc: Y.Doc): () => (key: string, value: unknown) => boolean {
  return () => {
    // Read on first need: the doc does not change while the guard judges one change.
    let locked: readonly AreaId[] | undefined
    let zones: AreaZone[] | undefined
    return (key, value) => {
      if (isTemplateRecordId(key)) return true
      const record = value as TLRecord | undefined
      if (isCommitmentShape(record)) return true
      if (!isNoteShape(record)) return false
      locked ??= readSession(doc).lockedAreas
      if (locked.length === 0) return false
      const tagged = readNoteMeta(record.meta).areaId
      if (tagged && locked.includes(tagged)) return true
      if (!record.parentId.startsWith('page:')) return false
      zones ??= zonesOf(readRecords(doc).values())
      const placed = areaOfPoint(zones, noteCentre(record))
      return placed !== null && locked.includes(placed)
    }
  }
}
