import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createShapeId, type TLRecord } from '@tldraw/tlschema'
import { arrangeRecords, layoutItemsOf } from './arrangeRecords'
import { readBoardContent } from './boardContent'
import { createBoardState } from './createBoardDoc'
import { readBoardMeta, readRecords, setRecords, writeBoardMeta, deleteRecords } from './docLayout'
import { buildNoteRecord } from './noteRecord'
import { noteMeta } from './noteMeta'
import { TEMPLATE_VERSION, TRAY_SHAPE_ID, areaShapeId } from './template'
import { arrangedContent, migrateTemplate } from './templateMigration'

/** A board as template version 1 left it: no tray, and notes piled on one spot. */
function versionOneBoard(): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, createBoardState({ name: 'Gammal', locale: 'sv', includeStarterNotes: true }))
  const zone = readRecords(doc).get(areaShapeId('ekonomi')) as unknown as { x: number; y: number }
  const notes = Array.from({ length: 12 }, (_, i) =>
    buildNoteRecord({
      id: createShapeId(`old-${i}`),
      x: zone.x + 40,
      y: zone.y + 260,
      text: `Idé ${i}`,
      meta: noteMeta({ areaId: 'ekonomi', createdAt: i }),
    }),
  )
  doc.transact(() => {
    deleteRecords(doc, [TRAY_SHAPE_ID])
    setRecords(doc, notes)
    writeBoardMeta(doc, { templateVersion: 1 })
  })
  return doc
}

const areasOf = (records: Iterable<TLRecord>) =>
  Object.fromEntries(layoutItemsOf(new Map([...records].map((r) => [r.id, r]))).map((item) => [item.id, item.areaId]))

describe('template migration', () => {
  it('brings a version 1 board to the current version in place: the tray added, every note in a free place of its own area', () => {
    const doc = versionOneBoard()
    const before = areasOf(readRecords(doc).values())
    doc.transact(() => expect(migrateTemplate(doc)).toBe(true))
    expect(readBoardMeta(doc).templateVersion).toBe(TEMPLATE_VERSION)
    expect(readRecords(doc).has(TRAY_SHAPE_ID)).toBe(true)
    expect(areasOf(readRecords(doc).values())).toEqual(before)
    // The keeper's next pass places the piled notes; then the board is a fixed point.
    setRecords(doc, arrangeRecords(readRecords(doc)))
    expect(arrangeRecords(readRecords(doc))).toEqual([])
    expect(migrateTemplate(doc)).toBe(false)
  })

  it('arranges an imported board’s content at the current version', () => {
    const content = readBoardContent(versionOneBoard())
    const arranged = arrangedContent(content)
    expect(arranged.meta.templateVersion).toBe(TEMPLATE_VERSION)
    const records = new Map(arranged.records.map((r) => [r.id, r]))
    expect(records.has(TRAY_SHAPE_ID)).toBe(true)
    expect(arrangeRecords(records)).toEqual([])
    expect(areasOf(arranged.records)).toEqual(areasOf(content.records))
  })
})
