import { describe, expect, it } from 'vitest'
import { areaOfPoint, isAreaShape, isNoteShape, noteCentre, zonesOf, type AreaZone } from './areaOfPoint'
import { buildTemplateRecords } from './template'
import { makeNoteShape } from './testing/makeNoteShape'

const zones: AreaZone[] = [
  { areaId: 'besokare', rect: { x: 0, y: 0, w: 400, h: 300 } },
  { areaId: 'ekonomi', rect: { x: 500, y: 0, w: 400, h: 300 } },
]

describe('areaOfPoint', () => {
  it('finds the zone that holds the point', () => {
    expect(areaOfPoint(zones, { x: 100, y: 100 })).toBe('besokare')
    expect(areaOfPoint(zones, { x: 700, y: 250 })).toBe('ekonomi')
  })

  it('counts a point on a zone’s edge as inside it', () => {
    expect(areaOfPoint(zones, { x: 400, y: 300 })).toBe('besokare')
  })

  it('gives null for a point outside every zone', () => {
    expect(areaOfPoint(zones, { x: 450, y: 100 })).toBeNull()
    expect(areaOfPoint(zones, { x: 100, y: -1 })).toBeNull()
    expect(areaOfPoint([], { x: 0, y: 0 })).toBeNull()
  })

  it('picks the smallest zone when zones are nested, whatever their order', () => {
    const inner: AreaZone = { areaId: 'framtid', rect: { x: 100, y: 100, w: 50, h: 50 } }
    expect(areaOfPoint([...zones, inner], { x: 120, y: 120 })).toBe('framtid')
    expect(areaOfPoint([inner, ...zones], { x: 120, y: 120 })).toBe('framtid')
    expect(areaOfPoint([inner, ...zones], { x: 20, y: 20 })).toBe('besokare')
  })
})

describe('zonesOf', () => {
  it('finds the eight zones of the template and nothing else', () => {
    const records = buildTemplateRecords({ name: 'Tavla', locale: 'sv', includeStarterNotes: true, now: 0 })
    const found = zonesOf(records)
    expect(found.map((z) => z.areaId).sort()).toEqual([
      'besokare',
      'ekonomi',
      'framtid',
      'motesplatser',
      'organisation',
      'personal',
      'relationer',
      'uppdrag',
    ])
    const besokare = records.find((r) => isAreaShape(r) && r.props.areaId === 'besokare')
    expect(isAreaShape(besokare)).toBe(true)
    if (isAreaShape(besokare)) {
      expect(found.find((z) => z.areaId === 'besokare')!.rect).toEqual({
        x: besokare.x,
        y: besokare.y,
        w: besokare.props.w,
        h: besokare.props.h,
      })
    }
  })
})

describe('noteCentre', () => {
  it('is the middle of a square note', () => {
    expect(noteCentre(makeNoteShape({ id: 'n', x: 10, y: 20 }))).toEqual({ x: 110, y: 120 })
  })

  it('moves down as the note grows', () => {
    expect(noteCentre(makeNoteShape({ id: 'n', x: 0, y: 0, growY: 100 }))).toEqual({ x: 100, y: 150 })
  })

  it('follows the note’s scale', () => {
    const note = makeNoteShape({ id: 'n', x: 0, y: 0 })
    expect(noteCentre({ ...note, props: { ...note.props, scale: 2 } })).toEqual({ x: 200, y: 200 })
  })
})

describe('isNoteShape and isAreaShape', () => {
  it('tell notes and zones apart from other records', () => {
    const note = makeNoteShape({ id: 'n', x: 0, y: 0 })
    expect(isNoteShape(note)).toBe(true)
    expect(isAreaShape(note)).toBe(false)
    expect(isNoteShape(undefined)).toBe(false)
  })
})
