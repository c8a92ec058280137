import type { TLRecord } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { AREAS, STARTER_NOTES, STEPS, type AreaId } from '../planning/planningModel'
import { isAreaShape } from './areaOfPoint'
import { createBoardDoc } from './createBoardDoc'
import { openRecordStore, readRecords } from './docLayout'
import { readBoard, type AreaView, type BoardView } from './readModel'
import { areaShapeId } from './template'
import { makeNoteShape } from './testing/makeNoteShape'
import type { Rect } from './templateLayout'

const NOW = Date.UTC(2024, 0, 15, 9, 0)

function boardDoc(includeStarterNotes: boolean): Y.Doc {
  return createBoardDoc({ name: 'Planeringsdag', locale: 'sv', includeStarterNotes, now: NOW })
}

function zoneOf(doc: Y.Doc, areaId: AreaId): Rect {
  const shape = readRecords(doc).get(areaShapeId(areaId))
  if (!isAreaShape(shape)) throw new Error(`no zone for ${areaId}`)
  return { x: shape.x, y: shape.y, w: shape.props.w, h: shape.props.h }
}

function addRecord(doc: Y.Doc, record: TLRecord) {
  openRecordStore(doc).set(record.id, record)
}

function areaView(view: BoardView, areaId: AreaId): AreaView {
  const area = view.steps.flatMap((s) => s.areas).find((a) => a.id === areaId)
  if (!area) throw new Error(`no area ${areaId} in the view`)
  return area
}

describe('readBoard', () => {
  describe('on a new board with starter notes', () => {
    const view = readBoard(boardDoc(true), 'sv')

    it('reads the board name and every note', () => {
      expect(view.name).toBe('Planeringsdag')
      expect(view.noteCount).toBe(STARTER_NOTES.length)
      expect(view.unplaced).toEqual([])
    })

    it('counts the starter notes of each area', () => {
      const counts = Object.fromEntries(view.steps.flatMap((s) => s.areas).map((a) => [a.id, a.notes.length]))
      expect(counts).toEqual({
        uppdrag: 0,
        framtid: 0,
        besokare: 10,
        relationer: 3,
        ekonomi: 2,
        personal: 2,
        organisation: 9,
        motesplatser: 5,
      })
    })

    it('puts every starter note in its own area, with its text, in the deck’s order', () => {
      for (const area of AREAS) {
        const expected = STARTER_NOTES.filter((n) => n.area === area.id).map((n) => n.text.sv)
        const notes = areaView(view, area.id).notes
        expect(
          notes.map((n) => n.text),
          area.id,
        ).toEqual(expected)
        expect(
          notes.every((n) => n.areaId === area.id && n.starter && n.createdAt === NOW),
          area.id,
        ).toBe(true)
      }
    })

    it('groups the areas under their steps in the planning model’s order', () => {
      expect(view.steps.map((s) => s.number)).toEqual([1, 2, 3])
      for (const step of view.steps) {
        expect(step.areas.map((a) => a.id)).toEqual(AREAS.filter((a) => a.step === step.number).map((a) => a.id))
      }
    })
  })

  it('gives Swedish titles and questions in Swedish and English ones in English', () => {
    const doc = boardDoc(false)
    const sv = readBoard(doc, 'sv')
    const en = readBoard(doc, 'en')
    expect(en.steps.map((s) => s.title)).toEqual(STEPS.map((s) => s.title.en))
    expect(sv.steps.map((s) => s.title)).toEqual(STEPS.map((s) => s.title.sv))
    expect(en.steps.map((s) => s.title)).not.toEqual(sv.steps.map((s) => s.title))
    const enAreas = en.steps.flatMap((s) => s.areas)
    for (const area of AREAS) {
      const read = enAreas.find((a) => a.id === area.id)!
      expect(read.title).toBe(area.title.en)
      expect(read.question).toBe(area.question.en)
    }
  })

  it('places a note without a stored area in the zone that holds its centre', () => {
    const doc = boardDoc(false)
    const zone = zoneOf(doc, 'ekonomi')
    addRecord(doc, makeNoteShape({ id: 'from-old-client', x: zone.x + 40, y: zone.y + 60, text: 'Sponsring' }))
    const view = readBoard(doc, 'sv')
    expect(areaView(view, 'ekonomi').notes.map((n) => n.text)).toEqual(['Sponsring'])
    expect(view.unplaced).toEqual([])
  })

  it('lists a note outside every zone as unplaced', () => {
    const doc = boardDoc(false)
    addRecord(doc, makeNoteShape({ id: 'far-away', x: -5000, y: -5000, text: 'Parkerad idé' }))
    const view = readBoard(doc, 'sv')
    expect(view.unplaced.map((n) => n.text)).toEqual(['Parkerad idé'])
    expect(view.unplaced[0].areaId).toBeNull()
    expect(view.noteCount).toBe(1)
  })

  it('keeps the area stored in a note’s meta even where its geometry says otherwise', () => {
    const doc = boardDoc(false)
    const besokare = zoneOf(doc, 'besokare')
    addRecord(doc, makeNoteShape({ id: 'moved', x: besokare.x + 40, y: besokare.y + 60, text: 'Ny vision', meta: { areaId: 'framtid' } }))
    const view = readBoard(doc, 'sv')
    expect(areaView(view, 'framtid').notes.map((n) => n.text)).toEqual(['Ny vision'])
    expect(areaView(view, 'besokare').notes).toEqual([])
  })

  it('lists the notes of an area top to bottom, then left to right', () => {
    const doc = boardDoc(false)
    const zone = zoneOf(doc, 'uppdrag')
    // Written in scrambled order, with ids that sort against the reading order.
    addRecord(doc, makeNoteShape({ id: 'a-lower-left', x: zone.x, y: zone.y + 210, text: 'third' }))
    addRecord(doc, makeNoteShape({ id: 'b-top-right', x: zone.x + 250, y: zone.y, text: 'second' }))
    addRecord(doc, makeNoteShape({ id: 'c-top-left', x: zone.x, y: zone.y, text: 'first' }))
    const notes = areaView(readBoard(doc, 'sv'), 'uppdrag').notes
    expect(notes.map((n) => n.text)).toEqual(['first', 'second', 'third'])
  })

  it('turns a note of several paragraphs into text with newlines', () => {
    const doc = boardDoc(false)
    const zone = zoneOf(doc, 'framtid')
    addRecord(
      doc,
      makeNoteShape({
        id: 'paragraphs',
        x: zone.x,
        y: zone.y,
        richText: {
          type: 'doc',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Digitala tjänster' }] },
            { type: 'paragraph', content: [{ type: 'text', text: 'Öppet dygnet runt' }] },
          ],
        },
      }),
    )
    expect(areaView(readBoard(doc, 'sv'), 'framtid').notes[0].text).toBe('Digitala tjänster\nÖppet dygnet runt')
  })
})
