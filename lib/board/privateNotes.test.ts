import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createShapeId, type TLNoteShape, type TLRecord } from '@tldraw/tlschema'
import { AREAS } from '../planning/planningModel'
import { arrangeRecords, layoutItemsOf, mapOfRecords } from './arrangeRecords'
import { createBoardState } from './createBoardDoc'
import { readRecords } from './docLayout'
import { noteMeta } from './noteMeta'
import { buildNoteRecord } from './noteRecord'
import { privateNoteMoves } from './privateNotes'
import { ZONE_HEADER, rectsOverlap } from './templateLayout'

function note(areaId: (typeof AREAS)[number]['id'], n: number, extra: Record<string, string> = {}): TLNoteShape {
  const built = buildNoteRecord({
    id: createShapeId(`p-${n}`),
    x: 0,
    y: 0,
    text: `Idé ${n}`,
    meta: noteMeta({ areaId, createdAt: 1_700_000_000_000 + n }),
  })
  return { ...built, meta: { ...built.meta, ...extra } }
}

/** The board's records with `changes` applied. */
function apply(records: Map<string, TLRecord>, changes: Iterable<TLRecord>): Map<string, TLRecord> {
  const next = new Map(records)
  for (const record of changes) next.set(record.id, record)
  return next
}

describe('private notes in a full board', () => {
  it('moves 200 private notes dropped on one spot into the 200 cells kept for them, among 1,500 others', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, createBoardState({ name: 'Privat', locale: 'sv', includeStarterNotes: false }))
    let records = readRecords(doc)
    // 1,500 notes on the board, laid out, with room kept for 200 private ones in Framtid.
    const board = Array.from({ length: 1500 }, (_, i) => note(AREAS[i % AREAS.length].id, i))
    records = apply(records, board)
    records = apply(records, arrangeRecords(records, { reserve: { framtid: 200 } }))
    const map = mapOfRecords(records)!.map
    // The person's 200 private notes, all on one spot in Framtid's header, as a flood lands.
    const zone = map.areas.framtid
    const mine = Array.from({ length: 200 }, (_, i) => ({
      ...note('framtid', 10_000 + i, { privateRound: 'r1' }),
      x: zone.x + 4,
      y: zone.y + 4,
    }))
    records = apply(records, mine)

    const moves = privateNoteMoves(records)
    expect(moves.size).toBe(200)
    records = apply(
      records,
      [...moves].map(([id, spot]) => ({ ...records.get(id)!, ...spot }) as TLRecord),
    )
    const items = layoutItemsOf(records)
    const ids = new Set<string>(mine.map((m) => m.id))
    const own = items.filter((item) => ids.has(item.id))
    expect(own).toHaveLength(200)
    for (const item of own) {
      expect(item.x).toBeGreaterThanOrEqual(zone.x)
      expect(item.x + item.w).toBeLessThanOrEqual(zone.x + zone.w + 0.01)
      expect(item.y).toBeGreaterThanOrEqual(zone.y + ZONE_HEADER - 0.01)
      expect(item.y + item.h).toBeLessThanOrEqual(zone.y + zone.h + 0.01)
    }
    const notes = items.filter(
      (item) => records.get(item.id)?.typeName === 'shape' && (records.get(item.id) as TLNoteShape).type === 'note',
    )
    const overlapping = notes.filter((a, i) => notes.some((b, j) => j > i && rectsOverlap(a, b)))
    expect(overlapping).toEqual([])
    // Once in place, nothing moves again.
    expect(privateNoteMoves(records).size).toBe(0)
  })
})
