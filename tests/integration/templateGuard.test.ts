/**
 * The template (zones, step cards, loop, arrows, bindings, document and page) belongs to the
 * facilitators. A participant's modified client that writes to it anyway is undone by the
 * server: on the server's doc, in the database, on every other client — which never even shows
 * the broken state — and on the offending client itself. A facilitator's change stands.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { openRecordStore, readRecords, recordsArray } from '../../lib/board/docLayout'
import { LOOP_SHAPE_ID, areaShapeId, isTemplateRecordId, stepShapeId } from '../../lib/board/template'
import { joinBoard, type BoardClient } from '../helpers/boardClients'
import { addNote, buildNote, loadStoredDoc, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

type RecordStore = ReturnType<typeof openRecordStore>
type Positioned = TLRecord & { x: number; y: number; isLocked: boolean }

const cleanup = createCleanup()
let harness: SyncHarness

beforeAll(async () => {
  harness = await startSyncHarness()
})

afterAll(() => harness.close())
afterEach(() => cleanup.run())

const templateOf = (doc: Y.Doc) => new Map([...readRecords(doc)].filter(([id]) => isTemplateRecordId(id)))

/** Every value `key` had in `doc` after each of its transactions, from now on. */
function historyOf(doc: Y.Doc, key: string): (TLRecord | undefined)[] {
  const seen: (TLRecord | undefined)[] = []
  doc.on('afterTransaction', () => seen.push(readRecords(doc).get(key)))
  return seen
}

/** A board with a facilitator's client (the other client) and a participant's client. */
async function boardWithParticipant() {
  const boardId = await harness.createBoard()
  const facilitator = await joinBoard(harness, cleanup, { boardId })
  const participant = await joinBoard(harness, cleanup, { boardId, role: 'participant' })
  const room = harness.services.sync.room(boardId)!
  return { boardId, facilitator, participant, room, original: templateOf(room.doc) }
}

/**
 * Resolves once the clients and the room hold exactly the same operations — inserts and
 * deletions alike, so what either client wrote has gone through the room and come back —
 * and the room has stored it all.
 */
async function settled(boardId: string, clients: BoardClient[]) {
  const room = harness.services.sync.room(boardId)!
  await eventually(() => {
    for (const client of clients) expect(Y.equalSnapshots(Y.snapshot(client.doc), Y.snapshot(room.doc))).toBe(true)
  })
  await room.drained()
}

const edits: { name: string; key: string; change(records: RecordStore, key: string, doc: Y.Doc): void }[] = [
  {
    name: 'moves a zone',
    key: areaShapeId('ekonomi'),
    change: (records, key) => {
      const area = records.get(key) as Positioned
      records.set(key, { ...area, x: area.x + 800, y: area.y - 300 } as TLRecord)
    },
  },
  {
    name: 'unlocks a step card',
    key: stepShapeId(2),
    change: (records, key) => records.set(key, { ...(records.get(key) as Positioned), isLocked: false } as TLRecord),
  },
  { name: 'deletes an arrow', key: 'shape:arrow-step2-ekonomi', change: (records, key) => records.delete(key) },
  { name: 'deletes an arrow’s binding', key: 'binding:step2-ekonomi-end', change: (records, key) => records.delete(key) },
  { name: 'deletes the loop', key: LOOP_SHAPE_ID, change: (records, key) => records.delete(key) },
  {
    // What only a modified client does: a second, later entry for the key beside the first.
    name: 'adds a moved copy of a zone',
    key: areaShapeId('framtid'),
    change: (records, key, doc) => {
      const area = records.get(key) as Positioned
      recordsArray(doc).push([{ key, val: { ...area, x: area.x - 900 } as TLRecord }])
    },
  },
  {
    name: 'renames the board’s document',
    key: 'document:document',
    change: (records, key) => records.set(key, { ...records.get(key)!, name: 'Kapad tavla' } as TLRecord),
  },
]

describe('a participant’s change to the template', () => {
  it.each(edits)('is undone when the participant $name', async ({ key, change }) => {
    const { boardId, facilitator, participant, room, original } = await boardWithParticipant()
    expect(original.get(key)).toBeDefined()
    const seenByFacilitator = historyOf(facilitator.doc, key)
    const participantRecords = openRecordStore(participant.doc)

    change(participantRecords, key, participant.doc)
    expect(participantRecords.get(key)).not.toEqual(original.get(key))
    await settled(boardId, [participant, facilitator])

    // The offending client converges back, in its doc and in the record store the editor reads.
    await eventually(() => expect(participantRecords.get(key)).toEqual(original.get(key)))
    expect(templateOf(participant.doc)).toEqual(original)
    expect(templateOf(room.doc)).toEqual(original)
    expect(templateOf(facilitator.doc)).toEqual(original)
    // The change and its undoing arrived in one message: the other client never showed it.
    expect(seenByFacilitator.length).toBeGreaterThan(0)
    for (const value of seenByFacilitator) expect(value).toEqual(original.get(key))
    expect(templateOf(await loadStoredDoc(harness.services.store.docs, boardId))).toEqual(original)
  })

  it('is undone while the participant’s notes written with it are kept', async () => {
    const { boardId, facilitator, participant, room, original } = await boardWithParticipant()
    const participantRecords = openRecordStore(participant.doc)
    const note = buildNote({ key: 'with-template-change', text: 'Idé från deltagaren' })
    participant.doc.transact(() => {
      participantRecords.set(note.id, note)
      participantRecords.delete(areaShapeId('personal'))
    })
    await settled(boardId, [participant, facilitator])

    await eventually(() => expect(templateOf(participant.doc)).toEqual(original))
    for (const doc of [room.doc, facilitator.doc, participant.doc, await loadStoredDoc(harness.services.store.docs, boardId)]) {
      expect(noteTexts(doc)).toEqual(['Idé från deltagaren'])
      expect(templateOf(doc)).toEqual(original)
    }
  })

  it('is undone again however often the client tries', async () => {
    const { boardId, facilitator, participant, room, original } = await boardWithParticipant()
    const participantRecords = openRecordStore(participant.doc)
    const key = areaShapeId('uppdrag')
    for (let i = 1; i <= 5; i++) {
      const area = participantRecords.get(key) as Positioned
      participantRecords.set(key, { ...area, x: area.x + 100 * i } as TLRecord)
      await eventually(() => expect(participantRecords.get(key)).toEqual(original.get(key)))
    }
    await settled(boardId, [participant, facilitator])
    expect(templateOf(room.doc)).toEqual(original)
    expect(templateOf(facilitator.doc)).toEqual(original)
    // Each record has one entry: undoing leaves no duplicates behind.
    expect(recordsArray(room.doc).length).toBe(readRecords(room.doc).size)
    expect(recordsArray(participant.doc).length).toBe(readRecords(participant.doc).size)
  })
})

describe('a facilitator’s change to the template', () => {
  it('stands, on the server, on other clients and in the database', async () => {
    const { boardId, facilitator, participant, room, original } = await boardWithParticipant()
    const key = areaShapeId('ekonomi')
    const area = original.get(key) as Positioned
    const moved = { ...area, x: area.x + 800, isLocked: false } as TLRecord
    openRecordStore(facilitator.doc).set(key, moved)
    openRecordStore(facilitator.doc).delete(LOOP_SHAPE_ID)
    await settled(boardId, [facilitator, participant])

    for (const doc of [room.doc, participant.doc, await loadStoredDoc(harness.services.store.docs, boardId)]) {
      const template = templateOf(doc)
      expect(template.get(key)).toEqual(moved)
      expect(template.has(LOOP_SHAPE_ID)).toBe(false)
    }
  })

  it('is what a participant’s later change is undone to', async () => {
    const { boardId, facilitator, participant, room } = await boardWithParticipant()
    const key = areaShapeId('besokare')
    const facilitatorRecords = openRecordStore(facilitator.doc)
    const moved = { ...(facilitatorRecords.get(key) as Positioned), y: -5000 } as TLRecord
    facilitatorRecords.set(key, moved)
    await settled(boardId, [facilitator, participant])

    const participantRecords = openRecordStore(participant.doc)
    participantRecords.delete(key)
    await settled(boardId, [participant, facilitator])
    await eventually(() => expect(participantRecords.get(key)).toEqual(moved))
    expect(templateOf(room.doc).get(key)).toEqual(moved)
    expect(templateOf(facilitator.doc).get(key)).toEqual(moved)
  })
})

describe('notes', () => {
  it('a participant may add, move and delete notes as before', async () => {
    const { boardId, facilitator, participant, room, original } = await boardWithParticipant()
    const note = addNote(participant.doc, 'movable', 'Flyttbar')
    const records = openRecordStore(participant.doc)
    records.set(note.id, { ...note, x: note.x + 300 })
    addNote(participant.doc, 'doomed', 'Tas bort')
    records.delete('shape:doomed')
    await settled(boardId, [participant, facilitator])
    await eventually(() => expect(noteTexts(facilitator.doc)).toEqual(['Flyttbar']))
    expect((readRecords(room.doc).get(note.id) as Positioned).x).toBe(note.x + 300)
    expect(templateOf(room.doc)).toEqual(original)
  })
})
