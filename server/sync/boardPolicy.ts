/**
 * Which records of a board only facilitators (and the server) may change: the template's,
 * commitments (facilitators decide what becomes the plan; participants propose with notes and
 * themes), notes in areas the facilitator has locked — judged by the area a note says it is in
 * and by where it actually lies, before and after the change — and frames or groups that hold
 * such notes, before or after the change (moving a frame moves what it holds).
 */
import type * as Y from 'yjs'
import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { areaOfPoint, isNoteShape, zonesOf, type AreaZone } from '../../lib/board/areaOfPoint'
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
    let records: ReadonlyMap<string, TLRecord> | undefined
    let children: ReadonlyMap<string, readonly string[]> | undefined
    /** Whether a note, with the shapes it is drawn through as `lookup` has them, is in a locked area. */
    const inLockedArea = (note: TLShape<'note'>, lookup: RecordLookup) => {
      const tagged = readNoteMeta(note.meta).areaId
      if (tagged && locked!.includes(tagged)) return true
      zones ??= zonesOf(records!.values())
      const centre = drawnCentre(note, lookup)
      // A note whose parents cannot be followed to the page is nowhere one can see: judged by its tag.
      if (centre === null) return false
      const placed = areaOfPoint(zones, centre)
      return placed !== null && locked!.includes(placed)
    }
    return (key, value) => {
      if (isTemplateRecordId(key)) return true
      const record = value as TLRecord | undefined
      if (isCommitmentShape(record)) return true
      if (record?.typeName !== 'shape') return false
      locked ??= readSession(doc).lockedAreas
      if (locked.length === 0) return false
      records ??= readRecords(doc)
      if (isNoteShape(record)) return inLockedArea(record, records)
      // A frame or group moves and turns the notes it holds: it is protected, as they are, when
      // one of them lies in a locked area with the frame as it is judged (before or after).
      children ??= childrenOf(records.values())
      const asJudged: RecordLookup = { get: (id) => (id === key ? record : records!.get(id)) }
      return notesUnder(key, children, records).some((note) => inLockedArea(note, asJudged))
    }
  }
}

type RecordLookup = Pick<ReadonlyMap<string, TLRecord>, 'get'>

/** Each shape's children, by parent id. */
function childrenOf(records: Iterable<TLRecord>): Map<string, string[]> {
  const children = new Map<string, string[]>()
  for (const record of records) {
    if (record.typeName !== 'shape') continue
    const siblings = children.get(record.parentId)
    if (siblings) siblings.push(record.id)
    else children.set(record.parentId, [record.id])
  }
  return children
}

/** The notes a shape holds, at any depth (as far as `drawnCentre` follows parents). */
function notesUnder(
  id: string,
  children: ReadonlyMap<string, readonly string[]>,
  records: ReadonlyMap<string, TLRecord>,
): TLShape<'note'>[] {
  const notes: TLShape<'note'>[] = []
  const seen = new Set<string>([id])
  let level = [id]
  for (let depth = 0; level.length > 0 && depth <= 32; depth++) {
    const next: string[] = []
    for (const parent of level) {
      for (const child of children.get(parent) ?? []) {
        if (seen.has(child)) continue
        seen.add(child)
        const record = records.get(child)
        if (isNoteShape(record)) notes.push(record)
        next.push(child)
      }
    }
    level = next
  }
  return notes
}

/**
 * Where a note is drawn: the centre of its box in page space, after its own rotation (tldraw
 * rotates a shape about its top-left corner) and its parents' (a frame or group moves and
 * turns what it holds). Null when a parent is missing or the chain does not reach the page.
 */
export function drawnCentre(note: TLShape<'note'>, records: RecordLookup): { x: number; y: number } | null {
  const scale = note.props.scale || 1
  let point = rotate({ x: 100 * scale, y: ((200 + note.props.growY) * scale) / 2 }, note.rotation)
  point = { x: point.x + note.x, y: point.y + note.y }
  let parentId: string = note.parentId
  for (let depth = 0; !parentId.startsWith('page:'); depth++) {
    const parent = records.get(parentId)
    if (depth > 32 || !parent || parent.typeName !== 'shape') return null
    const turned = rotate(point, parent.rotation)
    point = { x: turned.x + parent.x, y: turned.y + parent.y }
    parentId = parent.parentId
  }
  return point
}

function rotate(point: { x: number; y: number }, angle: number): { x: number; y: number } {
  if (!angle) return point
  const cos = Math.cos(angle)
  const sin = Math.sin(angle)
  return { x: point.x * cos - point.y * sin, y: point.x * sin + point.y * cos }
}
