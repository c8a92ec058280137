/**
 * How many ideas each area holds, as the canvas shows it on the zones and on the map labels of
 * *Visa hela tavlan*: only notes with text count, like the report (readModel.ts) — a note
 * still empty (just added, or left by Esc) is no idea yet.
 */
import type { TLRecord } from '@tldraw/tlschema'
import { isNoteShape } from './areaOfPoint'
import { readNoteMeta } from './noteMeta'
import { hasText } from './richText'

export function noteCountsByArea(records: Iterable<TLRecord>): Map<string, number> {
  const counts = new Map<string, number>()
  for (const record of records) {
    if (!isNoteShape(record) || !hasText(record.props.richText)) continue
    const areaId = readNoteMeta(record.meta).areaId
    if (areaId) counts.set(areaId, (counts.get(areaId) ?? 0) + 1)
  }
  return counts
}
