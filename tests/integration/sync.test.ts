/**
 * Several real y-websocket clients on one board, through the real sync server and a real
 * SQLite file: they converge, late joiners catch up, and nothing is forwarded before it is
 * stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { toRichText } from '@tldraw/tlschema'
import { readRecords } from '../../lib/board/docLayout'
import { joinBoard, type BoardClient } from '../helpers/boardClients'
import { addNote, loadStoredDoc, noteTexts, putNote } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
let harness: SyncHarness

beforeEach(async () => {
  harness = await startSyncHarness()
  cleanup.add(() => harness.close())
})

afterEach(() => cleanup.run())

function stateVector(client: BoardClient): string {
  return Buffer.from(Y.encodeStateVector(client.doc)).toString('base64')
}

function expectConverged(clients: BoardClient[], expectedTexts: string[]) {
  for (const client of clients) expect(noteTexts(client.doc)).toEqual(expectedTexts)
  // Same state vector: every client has integrated exactly the same operations.
  expect(new Set(clients.map(stateVector)).size).toBe(1)
}

describe('sync between clients', () => {
  it('five clients adding notes at the same time all end up with every note', async () => {
    const clients = await Promise.all([0, 1, 2, 3, 4].map(() => joinBoard(harness, cleanup)))
    const expected: string[] = []
    clients.forEach((client, c) => {
      for (let n = 0; n < 4; n++) {
        const text = `Klient ${c} idé ${n}`
        addNote(client.doc, `c${c}-n${n}`, text, { x: c * 220, y: n * 220 })
        expected.push(text)
      }
    })
    expected.sort()

    await eventually(() => expectConverged(clients, expected))
    const serverDoc = harness.services.sync.room(harness.boardId)!.doc
    expect(noteTexts(serverDoc)).toEqual(expected)
    expect(Buffer.from(Y.encodeStateVector(serverDoc)).toString('base64')).toBe(stateVector(clients[0]))
  })

  it('concurrent edits of one note settle on the same text on every client', async () => {
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => joinBoard(harness, cleanup)))
    const note = addNote(a.doc, 'shared', 'Första versionen')
    await eventually(() => {
      expect(noteTexts(b.doc)).toEqual(['Första versionen'])
      expect(noteTexts(c.doc)).toEqual(['Första versionen'])
    })

    // Both writes happen before either client hears of the other's.
    putNote(a.doc, { ...note, props: { ...note.props, richText: toRichText('Från A') } })
    putNote(b.doc, { ...note, props: { ...note.props, richText: toRichText('Från B') } })

    await eventually(() => {
      const texts = [a, b, c].map((client) => noteTexts(client.doc))
      expect(texts[0]).toHaveLength(1)
      expect(['Från A', 'Från B']).toContain(texts[0][0])
      expect(texts[1]).toEqual(texts[0])
      expect(texts[2]).toEqual(texts[0])
      expect(new Set([a, b, c].map(stateVector)).size).toBe(1)
    })
    // The record store holds one entry per note, not one per concurrent write.
    expect([...readRecords(c.doc).keys()].filter((id) => id === note.id)).toHaveLength(1)
  })

  it('a client that joins later receives every note written before it came', async () => {
    const early = await joinBoard(harness, cleanup)
    for (let n = 0; n < 10; n++) addNote(early.doc, `early-${n}`, `Tidig idé ${n}`)
    const expected = noteTexts(early.doc)
    expect(expected).toHaveLength(10)

    const late = await joinBoard(harness, cleanup)
    await eventually(() => expectConverged([early, late], expected))
  })

  it('a client that reconnects sends the notes it wrote while offline', async () => {
    const a = await joinBoard(harness, cleanup)
    const b = await joinBoard(harness, cleanup)
    a.provider.disconnect()
    addNote(a.doc, 'offline', 'Skriven offline')
    addNote(b.doc, 'online', 'Skriven online')
    a.provider.connect()

    await eventually(() => expectConverged([a, b], ['Skriven offline', 'Skriven online']))
  })
})

describe('durability', () => {
  it('a note is in the store by the time another client sees it', async () => {
    const writer = await joinBoard(harness, cleanup)
    const reader = await joinBoard(harness, cleanup)
    const storedWhenSeen: Promise<string[]>[] = []
    const seenTexts: string[][] = []
    // Read the store at the very moment the reader integrates each update (the SQLite read is
    // synchronous, so nothing can be written in between).
    reader.doc.on('update', () => {
      seenTexts.push(noteTexts(reader.doc))
      storedWhenSeen.push(loadStoredDoc(harness.services.store.docs, harness.boardId).then(noteTexts))
    })

    for (let n = 0; n < 12; n++) addNote(writer.doc, `durable-${n}`, `Sparad idé ${String(n).padStart(2, '0')}`)
    await eventually(() => expect(noteTexts(reader.doc)).toHaveLength(12))

    const stored = await Promise.all(storedWhenSeen)
    expect(stored.length).toBeGreaterThan(0)
    stored.forEach((texts, i) => {
      for (const text of seenTexts[i]) expect(texts).toContain(text)
    })
    expect(stored.at(-1)).toEqual(noteTexts(writer.doc))
  })
})
