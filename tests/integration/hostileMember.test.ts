/**
 * A hostile member with a raw socket sends valid Yjs updates whose content no honest client
 * writes: values nested thousands deep, records a browser would refuse, shapes that load other
 * sites. Each closes only that socket (4400); nothing of it is applied, stored or forwarded, and
 * the board goes on opening, snapshotting and backing up.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readBoardContent } from '../../lib/board/boardContent'
import { privateDocId } from '../../lib/board/docIds'
import { readRecords, recordsArray } from '../../lib/board/docLayout'
import { createBackup, serializeBackup } from '../../lib/export/backup'
import { joinBoard, joinWithToken, type BoardClient } from '../helpers/boardClients'
import { addNote, buildNote, loadStoredDoc, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { encodeSyncUpdate, messageTypes, openRawSocket, syncSocketUrl, type RawSocket } from '../helpers/rawSocket'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
let harness: SyncHarness
let boardId: string
let honest: BoardClient
let round = 0

beforeAll(async () => {
  harness = await startSyncHarness()
})
afterAll(() => harness.close())
beforeEach(async () => {
  boardId = await harness.createBoard()
  honest = await joinBoard(harness, cleanup, { boardId })
})
afterEach(() => cleanup.run())

async function memberSocket(room = boardId, userId?: string): Promise<RawSocket> {
  const token = await harness.mintToken({ boardId, role: 'participant', ...(userId ? { userId, name: 'Bo' } : {}) })
  const raw = openRawSocket(syncSocketUrl(harness.syncUrl, room, token))
  cleanup.add(() => raw.socket.terminate())
  await raw.opened
  await eventually(() => expect(messageTypes(raw.messages)).toContain(0))
  return raw
}

/** A valid update from a doc of its own that appends these entries to the record array. */
function entriesUpdate(entries: unknown[]): { clientId: number; update: Uint8Array } {
  const doc = new Y.Doc()
  ;(recordsArray(doc) as unknown as Y.Array<unknown>).push(entries)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return { clientId: doc.clientID, update }
}

/**
 * A note whose `meta.deep` is an array nested `depth` deep, encoded by hand the way lib0
 * writes it (lib0's own encoder would overflow its stack writing it, as the server's did).
 */
function deeplyNestedNote(depth: number): { clientId: number; update: Uint8Array } {
  const marker = 'DEEP-MARKER'
  const note = buildNote({ key: `deep-${depth}`, text: 'Djup' })
  const { clientId, update } = entriesUpdate([{ key: note.id, val: { ...note, meta: { ...note.meta, deep: marker } } }])
  // lib0 writes a string as 119, its length, its bytes; an array as 117, its length, its items.
  const encodedMarker = [119, marker.length, ...Buffer.from(marker)]
  const at = Buffer.from(update).indexOf(Buffer.from(encodedMarker))
  expect(at).toBeGreaterThan(0)
  const deep = new Uint8Array(depth * 2 + 1)
  for (let i = 0; i < depth; i++) deep.set([117, 1], i * 2)
  deep[depth * 2] = 126 // null, innermost
  const crafted = new Uint8Array(update.length - encodedMarker.length + deep.length)
  crafted.set(update.subarray(0, at))
  crafted.set(deep, at)
  crafted.set(update.subarray(at + encodedMarker.length), at + deep.length)
  return { clientId, update: crafted }
}

/** The honest client writes a note and the room, the store and a newcomer all have it. */
async function expectBoardStillWorks() {
  round++
  addNote(honest.doc, `honest-${round}`, `Ärlig ${round}`)
  const room = harness.services.sync.room(boardId)!
  await eventually(() => expect(noteTexts(room.doc)).toContain(`Ärlig ${round}`))
  const newcomer = await joinBoard(harness, cleanup, { boardId })
  expect(noteTexts(newcomer.doc)).toContain(`Ärlig ${round}`)
  const stored = await loadStoredDoc(harness.services.store.docs, boardId)
  expect(noteTexts(stored)).toContain(`Ärlig ${round}`)
  Y.encodeStateAsUpdate(stored)
  // A snapshot and a backup, as the history dialog and backup.json make them.
  await harness.services.snapshots.take(boardId, `efter ${round}`, null)
  const content = await harness.services.sync.readDoc(boardId, readBoardContent)
  expect(serializeBackup(createBackup(content, { name: 'Tavla', locale: 'sv' }, Date.now()))).toContain(`Ärlig ${round}`)
  expect(honest.closeCodes).toEqual([])
}

async function expectRefused(raw: RawSocket, attack: { clientId: number; update: Uint8Array }, room = boardId, word = 'hostile') {
  raw.send(encodeSyncUpdate(attack.update))
  expect((await raw.closed).code).toBe(4400)
  const doc = harness.services.sync.room(room)!.doc
  // Nothing of the attack is on the board (a guard may have written and undone it).
  expect([...readRecords(doc).keys()].filter((id) => id.includes(word))).toEqual([])
}

describe('content no browser could open', () => {
  it('a note nested 6,000 deep is refused and the board still opens, snapshots and backs up', async () => {
    await expectBoardStillWorks()
    const raw = await memberSocket()
    await expectRefused(raw, deeplyNestedNote(6000), boardId, 'deep')
    await expectBoardStillWorks()
  })

  it('a note meta nested just past the limit is refused too; one that fits passes', async () => {
    const raw = await memberSocket()
    raw.send(encodeSyncUpdate(deeplyNestedNote(20).update))
    await eventually(() => expect([...readRecords(harness.services.sync.room(boardId)!.doc).keys()]).toContain('shape:deep-20'))
    await expectRefused(await memberSocket(), deeplyNestedNote(60), boardId, 'deep-60')
    await expectBoardStillWorks()
  })

  const note = () => buildNote({ key: `hostile-${Math.random().toString(36).slice(2)}`, text: 'Fientlig' })
  /** One valid note, changed by `change`, under its own key. */
  const oneNote = (change: (n: ReturnType<typeof note>) => unknown) => {
    const n = note()
    return [{ key: n.id, val: change(n) }]
  }
  const invalid: [string, () => unknown[]][] = [
    [
      'a note with a colour tldraw does not know',
      () => [{ key: note().id, val: { ...note(), props: { ...note().props, color: 'neon' } } }],
    ],
    ['a record under another record’s key', () => [{ key: 'shape:hostile-other', val: note() }]],
    ['a session-scoped record', () => [{ key: 'instance:hostile', val: { id: 'instance:hostile', typeName: 'instance' } }]],
    ['a record of an unknown type', () => [{ key: 'bogus:hostile', val: { id: 'bogus:hostile', typeName: 'bogus' } }]],
    ['a value that is not a record entry', () => [42]],
    [
      'an embed of another site',
      () => {
        const base = note()
        return [
          {
            key: 'shape:hostile-embed',
            val: { ...base, id: 'shape:hostile-embed', type: 'embed', props: { w: 300, h: 200, url: 'https://evil.example/' } },
          },
        ]
      },
    ],
    ['a note a billion units tall', () => oneNote((n) => ({ ...n, props: { ...n.props, growY: 1e9 } }))],
    ['a note a hundred million units out', () => oneNote((n) => ({ ...n, x: 1e8 }))],
    ['a note at scale 10,000', () => oneNote((n) => ({ ...n, props: { ...n.props, scale: 1e4 } }))],
    [
      'a video asset from another site',
      () => [
        {
          key: 'asset:hostile',
          val: {
            id: 'asset:hostile',
            typeName: 'asset',
            type: 'video',
            meta: {},
            props: { w: 1, h: 1, name: 'v', isAnimated: true, mimeType: 'video/mp4', src: 'https://evil.example/v.mp4' },
          },
        },
      ],
    ],
  ]
  it.each(invalid)('%s is refused and undone', async (_label, entries) => {
    const raw = await memberSocket()
    const attack = entriesUpdate(entries())
    await expectRefused(raw, attack)
    const room = harness.services.sync.room(boardId)!.doc
    const values = recordsArray(room).toArray() as unknown[]
    expect(values.filter((value) => typeof value !== 'object' || (value as { key?: string }).key?.includes('hostile'))).toEqual([])
    await expectBoardStillWorks()
    const stored = await loadStoredDoc(harness.services.store.docs, boardId)
    expect([...readRecords(stored).keys()].filter((id) => id.includes('hostile'))).toEqual([])
  })

  it('a private document refuses invalid records as the board does', async () => {
    const author = await harness.services.store.users.create({ email: `bo${round}@example.org`, name: 'Bo', passwordHash: null })
    await harness.services.store.boards.setRole(boardId, author.id, 'participant')
    const room = privateDocId(boardId, author.id)
    const mine = await joinWithToken(
      cleanup,
      harness.syncUrl,
      room,
      await harness.mintToken({ boardId, userId: author.id, name: 'Bo', role: 'participant' }),
    )
    const raw = await memberSocket(room, author.id)
    const bad = buildNote({ key: 'hostile-private', text: 'Ogiltig' })
    await expectRefused(raw, entriesUpdate([{ key: bad.id, val: { ...bad, props: { ...bad.props, color: 'neon' } } }]), room)
    await expectRefused(await memberSocket(room, author.id), deeplyNestedNote(6000), room, 'deep')
    expect(mine.closeCodes).toEqual([])
  })
})

describe('root types the board does not use', () => {
  /** An update from a doc of its own that writes what `write` does to it. */
  function updateOf(write: (doc: Y.Doc) => void): { clientId: number; update: Uint8Array } {
    const doc = new Y.Doc()
    write(doc)
    const update = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    return { clientId: doc.clientID, update }
  }
  const note = () => buildNote({ key: `hostile-root-${Math.random().toString(36).slice(2)}`, text: 'Fientlig' })
  const attacks: [string, () => { clientId: number; update: Uint8Array }][] = [
    ['a Y.Array named records', () => updateOf((doc) => doc.getArray('records').push([{ key: note().id, val: note() }]))],
    ['a Y.Map named foo', () => updateOf((doc) => doc.getMap('foo').set('hostile', 'x'.repeat(1000)))],
    ['a root named __proto__', () => updateOf((doc) => doc.getMap('__proto__').set('hostile', 1))],
    ['map entries under the record array', () => updateOf((doc) => doc.getMap('tldraw').set('hostile', { key: 'x' }))],
    ['list entries under the board map', () => updateOf((doc) => doc.getArray('board').push(['hostile']))],
    [
      'a valid note beside a write to an unknown root, in one update',
      () =>
        updateOf((doc) => {
          doc.transact(() => {
            const n = note()
            ;(recordsArray(doc) as unknown as Y.Array<unknown>).push([{ key: n.id, val: n }])
            doc.getMap('foo').set('hostile', 1)
          })
        }),
    ],
  ]
  it.each(attacks)('%s is refused before it is applied', async (_label, attack) => {
    const before = harness.services.sync.room(boardId)!.doc
    const rootsBefore = [...before.share.keys()].sort()
    const recordsBefore = readRecords(before).size
    const raw = await memberSocket()
    await expectRefused(raw, attack())
    const room = harness.services.sync.room(boardId)!.doc
    // Nothing of it touched the room's doc: no new root, no new record, no stray entries.
    expect([...room.share.keys()].sort()).toEqual(rootsBefore)
    expect(readRecords(room).size).toBe(recordsBefore)
    const stored = await loadStoredDoc(harness.services.store.docs, boardId)
    expect([...stored.share.keys()].filter((name) => !['tldraw', 'board', 'session', 'votes'].includes(name))).toEqual([])
    expect(Buffer.from(Y.encodeStateAsUpdate(stored)).includes(Buffer.from('hostile'))).toBe(false)
    // The honest client never saw it.
    expect([...honest.doc.share.keys()].filter((name) => !['tldraw', 'board', 'session', 'votes'].includes(name))).toEqual([])
    await expectBoardStillWorks()
  })

  it('a private document refuses unknown roots too', async () => {
    const author = await harness.services.store.users.create({ email: `root${round}@example.org`, name: 'Bo', passwordHash: null })
    await harness.services.store.boards.setRole(boardId, author.id, 'participant')
    const room = privateDocId(boardId, author.id)
    const mine = await joinWithToken(
      cleanup,
      harness.syncUrl,
      room,
      await harness.mintToken({ boardId, userId: author.id, name: 'Bo', role: 'participant' }),
    )
    const raw = await memberSocket(room, author.id)
    await expectRefused(
      raw,
      updateOf((doc) => doc.getArray('records').push(['hostile'])),
      room,
    )
    expect([...harness.services.sync.room(room)!.doc.share.keys()]).not.toContain('records')
    expect(mine.closeCodes).toEqual([])
  })
})
