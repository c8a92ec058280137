import type { TLArrowBinding, TLNoteShape, TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { LOCALES, type Locale } from '../i18n/locales'
import { AREAS, AREA_IDS, STARTER_NOTES, STEPS } from '../planning/planningModel'
import { areaOfPoint, isAreaShape, isNoteShape, noteCentre, zonesOf } from './areaOfPoint'
import { readNoteMeta } from './noteMeta'
import { plainTextFromRichText } from './richText'
import { boardSchema } from './schema'
import { AREA_SHAPE_TYPE, LOOP_SHAPE_TYPE, STEP_SHAPE_TYPE } from './shapes'
import {
  BOARD_PAGE_ID,
  LOOP_SHAPE_ID,
  areaShapeId,
  buildTemplateRecords,
  isTemplateRecordId,
  stepShapeId,
  type TemplateOptions,
} from './template'

const NOW = Date.UTC(2024, 0, 15, 9, 0)

function build(overrides: Partial<TemplateOptions> = {}): TLRecord[] {
  return buildTemplateRecords({ name: 'Planeringsdag', locale: 'sv', includeStarterNotes: true, now: NOW, ...overrides })
}

const shapesOf = (records: TLRecord[]) => records.filter((r): r is TLShape => r.typeName === 'shape')
const arrowBindingsOf = (records: TLRecord[]) => records.filter((r): r is TLArrowBinding => r.typeName === 'binding' && r.type === 'arrow')

describe('the planning model behind the template', () => {
  it('has all eight areas, once each', () => {
    expect(AREAS.map((a) => a.id).sort()).toEqual([...AREA_IDS].sort())
    expect(AREAS).toHaveLength(8)
  })

  it.each(LOCALES)('gives every area a title and a question in %s', (locale) => {
    for (const area of AREAS) {
      expect(area.title[locale].trim(), area.id).not.toBe('')
      expect(area.question[locale].trim(), area.id).not.toBe('')
    }
  })
})

describe('buildTemplateRecords', () => {
  const records = build()
  const shapes = shapesOf(records)

  it('draws one zone for each of the eight areas', () => {
    const areas = shapes.filter(isAreaShape)
    expect(areas).toHaveLength(8)
    for (const id of AREA_IDS) {
      const area = records.find((r) => r.id === areaShapeId(id))
      expect(isAreaShape(area) && area.props.areaId, id).toBe(id)
    }
  })

  it('draws the step cards in order 1, 2, 3, step 1 above steps 2 and 3 and step 2 left of step 3', () => {
    const steps = shapes.filter((s) => s.type === STEP_SHAPE_TYPE) as TLShape<typeof STEP_SHAPE_TYPE>[]
    expect(steps.map((s) => s.props.step)).toEqual([1, 2, 3])
    expect(steps.map((s) => s.id)).toEqual(STEPS.map((s) => stepShapeId(s.number)))
    const [one, two, three] = steps
    expect(one.y + one.props.h).toBeLessThanOrEqual(two.y)
    expect(one.y + one.props.h).toBeLessThanOrEqual(three.y)
    expect(two.x + two.props.w).toBeLessThanOrEqual(three.x)
  })

  it('joins each area to its step with an arrow bound at both ends', () => {
    const bindings = arrowBindingsOf(records)
    for (const area of AREAS) {
      const end = bindings.find((b) => b.props.terminal === 'end' && b.toId === areaShapeId(area.id))
      expect(end, `arrow into ${area.id}`).toBeDefined()
      const arrow = shapes.find((s) => s.id === end!.fromId)
      expect(arrow?.type, area.id).toBe('arrow')
      const own = bindings.filter((b) => b.fromId === end!.fromId)
      expect(own, area.id).toHaveLength(2)
      const start = own.find((b) => b.props.terminal === 'start')
      expect(start?.toId, area.id).toBe(stepShapeId(area.step))
    }
  })

  it('binds every arrow to shapes that exist in the template', () => {
    const ids = new Set(shapes.map((s) => s.id))
    for (const binding of arrowBindingsOf(records)) {
      expect(ids.has(binding.fromId), binding.id).toBe(true)
      expect(ids.has(binding.toId), binding.id).toBe(true)
    }
  })

  it('locks the zones, step cards, loop and arrows but leaves the starter notes free', () => {
    const template = shapes.filter((s) => [AREA_SHAPE_TYPE, STEP_SHAPE_TYPE, LOOP_SHAPE_TYPE, 'arrow'].includes(s.type))
    expect(template.length).toBe(8 + 3 + 1 + arrowBindingsOf(records).length / 2)
    expect(template.filter((s) => !s.isLocked).map((s) => s.id)).toEqual([])
    expect(records.some((r) => r.id === LOOP_SHAPE_ID)).toBe(true)
    const notes = shapes.filter(isNoteShape)
    expect(notes.length).toBeGreaterThan(0)
    expect(notes.filter((n) => n.isLocked).map((n) => n.id)).toEqual([])
  })

  it('stacks the starter notes above every template shape', () => {
    const notes = shapes.filter(isNoteShape)
    const others = shapes.filter((s) => !isNoteShape(s))
    const highestTemplate = others
      .map((s) => s.index)
      .sort()
      .at(-1)!
    for (const note of notes) expect(note.index > highestTemplate, note.id).toBe(true)
    expect(new Set(shapes.map((s) => s.index)).size).toBe(shapes.length)
  })

  describe.each(LOCALES)('starter notes in %s', (locale: Locale) => {
    const notes = shapesOf(build({ locale })).filter(isNoteShape) as TLNoteShape[]
    const zones = zonesOf(build({ locale }))

    it('carries every starter note, in its area, with its text', () => {
      expect(notes).toHaveLength(STARTER_NOTES.length)
      notes.forEach((note, i) => {
        const meta = readNoteMeta(note.meta)
        expect(meta.areaId).toBe(STARTER_NOTES[i].area)
        expect(meta.starter).toBe(true)
        expect(meta.createdAt).toBe(NOW)
        expect(plainTextFromRichText(note.props.richText)).toBe(STARTER_NOTES[i].text[locale])
      })
    })

    it('places every starter note inside the zone its meta names', () => {
      for (const note of notes) {
        expect(areaOfPoint(zones, noteCentre(note)), note.id).toBe(readNoteMeta(note.meta).areaId)
      }
    })
  })

  it('leaves the notes out when starter notes are not wanted', () => {
    const bare = build({ includeStarterNotes: false })
    expect(bare.filter(isNoteShape)).toEqual([])
    expect(bare.filter(isAreaShape)).toHaveLength(8)
  })

  it('names the document and the page after the board', () => {
    const document = records.find((r) => r.typeName === 'document')
    const page = records.find((r) => r.typeName === 'page')
    expect(document && 'name' in document && document.name).toBe('Planeringsdag')
    expect(page && 'name' in page && page.name).toBe('Planeringsdag')
  })

  it.each([
    ['Swedish with starter notes', { locale: 'sv', includeStarterNotes: true }],
    ['English with starter notes', { locale: 'en', includeStarterNotes: true }],
    ['without starter notes', { locale: 'sv', includeStarterNotes: false }],
  ] as const)('produces only records the board schema accepts (%s)', (_label, options) => {
    for (const record of build(options)) {
      const type = boardSchema.types[record.typeName]
      expect(type, record.typeName).toBeDefined()
      expect(() => type.validate(record), record.id).not.toThrow()
    }
  })

  it('validation really checks: the schema refuses a zone naming an unknown area', () => {
    const zone = records.find(isAreaShape)!
    const broken = { ...zone, props: { ...zone.props, areaId: 'nowhere' } }
    expect(() => boardSchema.types.shape.validate(broken)).toThrow()
  })

  it('gives every record its own id', () => {
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length)
  })

  it('builds the same records for the same options', () => {
    expect(build()).toEqual(records)
    expect(build({ locale: 'en', includeStarterNotes: false })).toEqual(build({ locale: 'en', includeStarterNotes: false }))
  })
})

describe('isTemplateRecordId', () => {
  it('names every record of the template except starter notes', () => {
    for (const record of build({ includeStarterNotes: true })) {
      expect(isTemplateRecordId(record.id), record.id).toBe(!isNoteShape(record as TLShape))
    }
  })

  it('names the document, the page, zones, steps, the loop, arrows and bindings', () => {
    const records = build({ includeStarterNotes: false })
    const ids = ['document:document', BOARD_PAGE_ID, areaShapeId('ekonomi'), stepShapeId(2), LOOP_SHAPE_ID]
    for (const id of ids) expect(isTemplateRecordId(id), id).toBe(true)
    expect(records.filter((r) => r.typeName === 'binding').every((r) => isTemplateRecordId(r.id))).toBe(true)
    expect(records.filter((r) => r.typeName === 'shape' && r.type === 'arrow').length).toBeGreaterThan(0)
    expect(records.every((r) => isTemplateRecordId(r.id))).toBe(true)
  })

  it('names no notes or other records, and the same ids whatever the board’s name or language', () => {
    expect(isTemplateRecordId('shape:starter-1')).toBe(false)
    expect(isTemplateRecordId('shape:some-note')).toBe(false)
    expect(isTemplateRecordId('binding:some-arrow-end')).toBe(false)
    expect(isTemplateRecordId('page:other')).toBe(false)
    const english = build({ locale: 'en', name: 'Another name', includeStarterNotes: false })
    expect(english.every((r) => isTemplateRecordId(r.id))).toBe(true)
  })
})
