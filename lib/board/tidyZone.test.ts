import { describe, expect, it } from 'vitest'
import { NOTE_GAP, NOTE_SIZE, ZONE_HEADER, ZONE_PADDING, rectsOverlap } from './templateLayout'
import { tidyZone, type ZoneNote } from './tidyZone'

/** A zone three notes wide with room for one row. */
const zone = { x: 1000, y: 500, w: 2 * ZONE_PADDING + 3 * NOTE_SIZE + 2 * NOTE_GAP, h: ZONE_HEADER + NOTE_SIZE + ZONE_PADDING }
const note = (id: string, x: number, y: number, h = NOTE_SIZE): ZoneNote => ({ id, x, y, h })
const inside = (r: { x: number; y: number; w: number; h: number }, outer: typeof zone) =>
  r.x >= outer.x && r.y >= outer.y && r.x + r.w <= outer.x + outer.w && r.y + r.h <= outer.y + outer.h

describe('tidyZone', () => {
  it('puts the notes in reading order in a grid under the header, inside the zone', () => {
    const { zone: tidied, notes } = tidyZone(zone, [note('c', 1400, 900), note('a', 1300, 560), note('b', 1010, 700)])
    expect(notes.map((n) => n.id)).toEqual(['a', 'b', 'c'])
    const left = zone.x + ZONE_PADDING
    expect(notes.map(({ x, y }) => [x, y])).toEqual([
      [left, zone.y + ZONE_HEADER],
      [left + NOTE_SIZE + NOTE_GAP, zone.y + ZONE_HEADER],
      [left + 2 * (NOTE_SIZE + NOTE_GAP), zone.y + ZONE_HEADER],
    ])
    expect(tidied).toEqual(zone)
    for (const n of notes) expect(inside({ ...n, w: NOTE_SIZE, h: NOTE_SIZE }, tidied)).toBe(true)
  })

  it('grows the zone downwards for more rows, with each row as tall as its tallest note', () => {
    const notes = [note('a', 0, 0, 320), note('b', 1, 0), note('c', 2, 0), note('d', 0, 1), note('e', 1, 1, 260)]
    const result = tidyZone(zone, notes)
    const secondRow = zone.y + ZONE_HEADER + 320 + NOTE_GAP
    expect(result.notes.filter((n) => n.y === secondRow).map((n) => n.id)).toEqual(['d', 'e'])
    expect(result.zone).toEqual({ ...zone, h: ZONE_HEADER + 320 + NOTE_GAP + 260 + ZONE_PADDING })
    const rects = result.notes.map((n) => ({ ...n, w: NOTE_SIZE, h: notes.find((m) => m.id === n.id)!.h }))
    for (const r of rects) expect(inside(r, result.zone)).toBe(true)
    for (const a of rects) for (const b of rects) if (a !== b) expect(rectsOverlap(a, b)).toBe(false)
  })

  it('never shrinks the zone, and leaves an empty one as it is', () => {
    const tall = { ...zone, h: 2000 }
    expect(tidyZone(tall, [note('a', 0, 0)]).zone).toEqual(tall)
    expect(tidyZone(zone, [])).toEqual({ zone, notes: [] })
  })

  it('uses one column in a zone narrower than two notes', () => {
    const narrow = { ...zone, w: NOTE_SIZE + 2 * ZONE_PADDING }
    const { notes } = tidyZone(narrow, [note('a', 0, 0), note('b', 1, 0)])
    expect(new Set(notes.map((n) => n.x)).size).toBe(1)
  })
})
