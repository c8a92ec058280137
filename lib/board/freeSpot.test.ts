import { describe, expect, it } from 'vitest'
import { findFreeSpot } from './freeSpot'
import { ZONE_HEADER, ZONE_PADDING, rectsOverlap } from './templateLayout'

const zone = { x: 0, y: 0, w: 1000, h: 900 }

describe('findFreeSpot', () => {
  it('takes the first free place under the header in an empty zone', () => {
    expect(findFreeSpot(zone, [], { w: 400, h: 300 })).toEqual({ x: ZONE_PADDING, y: ZONE_HEADER })
  })

  it('never covers what is there', () => {
    const notes = Array.from({ length: 6 }, (_, i) => ({ x: 32 + (i % 4) * 224, y: 206 + Math.floor(i / 4) * 224, w: 200, h: 200 }))
    const spot = findFreeSpot(zone, notes, { w: 448, h: 268 })!
    expect(notes.some((n) => rectsOverlap(n, { ...spot, w: 448, h: 268 }))).toBe(false)
  })

  it('finds nothing in a full zone', () => {
    const notes = Array.from({ length: 12 }, (_, i) => ({ x: 32 + (i % 4) * 224, y: 206 + Math.floor(i / 4) * 224, w: 200, h: 200 }))
    expect(findFreeSpot(zone, notes, { w: 448, h: 268 })).toBeNull()
  })
})
