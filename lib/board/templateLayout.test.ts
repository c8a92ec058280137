import { describe, expect, it } from 'vitest'
import type { Locale } from '../i18n/locales'
import { AREAS, STARTER_NOTES, type AreaId } from '../planning/planningModel'
import { layoutTemplate, type TemplateLayout } from './boardLayout'
import { mapBounds } from './mapFlow'
import { NOTE_SIZE, estimateNoteHeight, rectsOverlap, type Rect } from './templateLayout'

/** The font size the template gives starter notes (template.ts). */
const STARTER_FONT_SIZE = 18

function starterInputs(locale: Locale): { areaId: AreaId; height: number }[] {
  return STARTER_NOTES.map((n) => ({ areaId: n.area, height: estimateNoteHeight(n.text[locale], STARTER_FONT_SIZE) }))
}

function fixedRects(layout: TemplateLayout): [string, Rect][] {
  return [
    ...AREAS.map((a): [string, Rect] => [`area ${a.id}`, layout.areas[a.id]]),
    ['step 1', layout.steps[1]],
    ['step 2', layout.steps[2]],
    ['step 3', layout.steps[3]],
    ['loop', layout.loop],
    ['tray', layout.tray],
  ]
}

function overlappingPairs(rects: [string, Rect][]): string[] {
  const pairs: string[] = []
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      if (rectsOverlap(rects[i][1], rects[j][1])) pairs.push(`${rects[i][0]} × ${rects[j][0]}`)
    }
  }
  return pairs
}

function insideOf(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h
}

const cases: [string, { areaId: AreaId; height: number }[]][] = [
  ['without starter notes', []],
  ['with the Swedish starter notes', starterInputs('sv')],
  ['with the English starter notes', starterInputs('en')],
]

describe('rectsOverlap', () => {
  it('reports rectangles that share area as overlapping', () => {
    expect(rectsOverlap({ x: 0, y: 0, w: 10, h: 10 }, { x: 5, y: 5, w: 10, h: 10 })).toBe(true)
    expect(rectsOverlap({ x: 0, y: 0, w: 10, h: 10 }, { x: 2, y: 2, w: 2, h: 2 })).toBe(true)
  })

  it('does not count rectangles that only touch or lie apart', () => {
    expect(rectsOverlap({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 10, h: 10 })).toBe(false)
    expect(rectsOverlap({ x: 0, y: 0, w: 10, h: 10 }, { x: 0, y: 30, w: 10, h: 10 })).toBe(false)
  })
})

describe('estimateNoteHeight', () => {
  it('keeps a short note at the standard square size', () => {
    expect(estimateNoteHeight('Kort', STARTER_FONT_SIZE)).toBe(NOTE_SIZE)
  })

  it('grows a note whose text wraps onto many lines', () => {
    const longest = STARTER_NOTES.map((n) => n.text.sv).reduce((a, b) => (b.length > a.length ? b : a))
    expect(estimateNoteHeight(longest, STARTER_FONT_SIZE)).toBeGreaterThan(NOTE_SIZE)
  })

  it('counts every line break as a line of its own', () => {
    const lines = Array.from({ length: 12 }, (_, i) => `${i}`).join('\n')
    expect(estimateNoteHeight(lines, STARTER_FONT_SIZE)).toBeGreaterThan(estimateNoteHeight('0 1 2 3 4 5 6 7 8 9 10 11', STARTER_FONT_SIZE))
  })
})

describe('layoutTemplate', () => {
  describe.each(cases)('%s', (_label, notes) => {
    const layout = layoutTemplate(notes)
    const bounds = mapBounds(layout)

    it('places no zone, step card or loop over another', () => {
      expect(overlappingPairs(fixedRects(layout))).toEqual([])
    })

    it('keeps every zone, step card and loop inside the bounds', () => {
      const outside = fixedRects(layout).filter(([, rect]) => !insideOf(bounds, rect))
      expect(outside.map(([name]) => name)).toEqual([])
    })

    it('gives each note a slot fully inside its own area’s zone', () => {
      expect(layout.notes).toHaveLength(notes.length)
      for (const slot of layout.notes) {
        const rect = { x: slot.x, y: slot.y, w: NOTE_SIZE, h: notes[slot.index].height }
        expect(slot.areaId).toBe(notes[slot.index].areaId)
        expect(insideOf(layout.areas[slot.areaId], rect), `note ${slot.index} in ${slot.areaId}`).toBe(true)
      }
    })

    it('places no note over another', () => {
      const rects = layout.notes.map((slot): [string, Rect] => [
        `note ${slot.index}`,
        { x: slot.x, y: slot.y, w: NOTE_SIZE, h: notes[slot.index].height },
      ])
      expect(overlappingPairs(rects)).toEqual([])
    })

    it('returns the note slots in the order the notes were given', () => {
      expect(layout.notes.map((slot) => slot.index)).toEqual(notes.map((_, i) => i))
    })

    it('puts step 1 above steps 2 and 3, and step 2 left of step 3', () => {
      const { 1: one, 2: two, 3: three } = layout.steps
      expect(one.y + one.h).toBeLessThanOrEqual(two.y)
      expect(one.y + one.h).toBeLessThanOrEqual(three.y)
      expect(two.x + two.w).toBeLessThanOrEqual(three.x)
    })

    it('puts the external areas left of the centre column and the internal areas right of it', () => {
      const centre = [layout.steps[1], layout.steps[2], layout.steps[3], layout.loop]
      const centreLeft = Math.min(...centre.map((r) => r.x))
      const centreRight = Math.max(...centre.map((r) => r.x + r.w))
      for (const area of AREAS.filter((a) => a.step === 2)) {
        const zone = layout.areas[area.id]
        expect(zone.x + zone.w, area.id).toBeLessThanOrEqual(centreLeft)
      }
      for (const area of AREAS.filter((a) => a.step === 3)) {
        expect(layout.areas[area.id].x, area.id).toBeGreaterThanOrEqual(centreRight)
      }
    })

    it('puts the mission areas above step 1', () => {
      for (const area of AREAS.filter((a) => a.step === 1)) {
        const zone = layout.areas[area.id]
        expect(zone.y + zone.h, area.id).toBeLessThanOrEqual(layout.steps[1].y)
      }
    })

    it('gives the same geometry for the same notes', () => {
      expect(layoutTemplate(notes)).toEqual(layout)
    })
  })

  it('grows a zone to hold the notes it is given', () => {
    const empty = layoutTemplate()
    const full = layoutTemplate(starterInputs('sv'))
    const area = (r: Rect) => r.w * r.h
    expect(area(full.areas.besokare)).toBeGreaterThan(area(empty.areas.besokare))
    expect(full.areas.uppdrag).toEqual(empty.areas.uppdrag)
  })

  it('has laptop-screen proportions without notes, so it reads fit-to-screen at 1366×768', () => {
    const bounds = mapBounds(layoutTemplate())
    const aspect = bounds.w / bounds.h
    // The tray under the loop makes it a little taller than a 16:9 screen; it still fills most of it.
    expect(aspect).toBeGreaterThanOrEqual(1.5)
    expect(aspect).toBeLessThanOrEqual(2.4)
  })
})
