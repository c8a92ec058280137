import type { TLNoteShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoardDoc } from './createBoardDoc'
import { openRecordStore, readRecords, recordsArray } from './docLayout'
import { createDocFromContent, readBoardContent, replaceBoardContent } from './boardContent'
import { readBoard } from './readModel'
import { writeSession } from './session'
import { makeNoteShape } from './testing/makeNoteShape'

function boardWithNotes(texts: string[]): Y.Doc {
  const doc = createBoardDoc({ name: 'Planeringsdag', locale: 'sv', includeStarterNotes: false, now: 0 })
  const records = openRecordStore(doc)
  texts.forEach((text, i) => {
    const note = makeNoteShape({ id: `n${i}`, x: -2000 - 300 * i, y: -2000, text })
    records.set(note.id, note)
  })
  return doc
}

const texts = (doc: Y.Doc) =>
  readBoard(doc, 'sv')
    .unplaced.map((n) => n.text)
    .sort()

describe('board content', () => {
  it('copies records, metadata, facilitation state and votes into a new document', () => {
    const doc = boardWithNotes(['Ett', 'Två'])
    doc.transact(() => writeSession(doc, { anonymous: true }))
    const copy = createDocFromContent(readBoardContent(doc))
    expect(readBoardContent(copy)).toEqual(readBoardContent(doc))
    expect(texts(copy)).toEqual(['Ett', 'Två'])
  })

  it('replaces a live document’s content exactly, sending only what differs', () => {
    const saved = readBoardContent(boardWithNotes(['Ett', 'Två']))
    const live = boardWithNotes(['Ett', 'Tre', 'Fyra'])
    const updates: Uint8Array[] = []
    live.on('update', (u: Uint8Array) => updates.push(u))
    replaceBoardContent(live, saved)
    expect(readBoardContent(live)).toEqual(saved)
    expect(texts(live)).toEqual(['Ett', 'Två'])
    expect(updates).toHaveLength(1)
    // The template and the unchanged note were not rewritten.
    const templateBytes = Y.encodeStateAsUpdate(createDocFromContent(saved)).byteLength
    expect(updates[0].byteLength).toBeLessThan(templateBytes / 4)
  })

  it('leaves one entry per record, even where concurrent writes left duplicates', () => {
    const live = boardWithNotes(['Ett'])
    const dup = readRecords(live).get('shape:n0') as TLNoteShape
    recordsArray(live).push([{ key: dup.id, val: { ...dup, x: 5 } }])
    const saved = readBoardContent(boardWithNotes(['Ett']))
    replaceBoardContent(live, saved)
    const keys = recordsArray(live)
      .toArray()
      .map((e) => e.key)
    expect(new Set(keys).size).toBe(keys.length)
    expect(readBoardContent(live)).toEqual(saved)
  })
})
