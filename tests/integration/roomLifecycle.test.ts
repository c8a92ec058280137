/**
 * A room's life: loaded when the first client comes, written, compacted and unloaded when the
 * last one has been gone a while, loaded again on return; and on server shutdown every socket
 * is told to come back later (1012) after everything is stored.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { openSqliteStore } from '../../server/store/sqliteStore'
import { joinBoard } from '../helpers/boardClients'
import { addNote, loadStoredDoc, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { createLocalFanout } from '../../server/sync/fanout'
import { joinWithToken } from '../helpers/boardClients'
import { eventually, prepareDatabase, startSyncHarness, tempDbPath, type SyncHarness } from '../helpers/syncHarness'
import { startSyncNode } from '../helpers/syncNode'

const IDLE_UNLOAD_MS = 100
const cleanup = createCleanup()

afterEach(() => cleanup.run())

async function startHarness(overrides: Record<string, string> = {}): Promise<SyncHarness> {
  const harness = await startSyncHarness(overrides)
  cleanup.add(() => harness.close())
  return harness
}

describe('room lifecycle', () => {
  it('after the last client leaves, the room unloads and its stored log is compacted', async () => {
    const harness = await startHarness({ ROOM_IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS) })
    const [a, b] = await Promise.all([joinBoard(harness, cleanup), joinBoard(harness, cleanup)])
    for (let n = 0; n < 5; n++) {
      addNote(a.doc, `a-${n}`, `A:s idé ${n}`)
      addNote(b.doc, `b-${n}`, `B:s idé ${n}`)
    }
    await eventually(() => {
      expect(noteTexts(a.doc)).toHaveLength(10)
      expect(noteTexts(b.doc)).toEqual(noteTexts(a.doc))
    })
    const expected = noteTexts(a.doc)
    expect((await harness.services.store.docs.docSize(harness.boardId)).updates).toBeGreaterThan(1)
    expect(harness.services.sync.stats().rooms).toBe(1)

    a.destroy()
    b.destroy()
    await eventually(() => expect(harness.services.sync.stats()).toEqual({ rooms: 0, connections: 0 }))
    await eventually(async () => expect((await harness.services.store.docs.docSize(harness.boardId)).updates).toBeLessThanOrEqual(1))

    const stored = await harness.services.store.docs.loadDoc(harness.boardId)
    expect(stored.snapshot).not.toBeNull()
    const fromSnapshot = new Y.Doc()
    Y.applyUpdate(fromSnapshot, stored.snapshot!)
    for (const update of stored.updates) Y.applyUpdate(fromSnapshot, update)
    expect(noteTexts(fromSnapshot)).toEqual(expected)
  })

  it('a client returning to an unloaded board gets every note back', async () => {
    const harness = await startHarness({ ROOM_IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS) })
    const writer = await joinBoard(harness, cleanup)
    for (let n = 0; n < 6; n++) addNote(writer.doc, `n-${n}`, `Idé ${n}`)
    const expected = noteTexts(writer.doc)
    await eventually(async () => {
      const stored = await loadStoredDoc(harness.services.store.docs, harness.boardId)
      expect(noteTexts(stored)).toEqual(expected)
    })
    writer.destroy()
    await eventually(() => expect(harness.services.sync.stats().rooms).toBe(0))

    const returning = await joinBoard(harness, cleanup)
    expect(noteTexts(returning.doc)).toEqual(expected)
    expect(harness.services.sync.stats()).toEqual({ rooms: 1, connections: 1 })

    // The reloaded room takes new edits like the first one did.
    const other = await joinBoard(harness, cleanup)
    addNote(returning.doc, 'after', 'Efter återkomsten')
    await eventually(() => expect(noteTexts(other.doc)).toContain('Efter återkomsten'))
  })

  it('the room stays loaded while any client is still connected', async () => {
    const harness = await startHarness({ ROOM_IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS) })
    const [leaving, staying] = await Promise.all([joinBoard(harness, cleanup), joinBoard(harness, cleanup)])
    const room = harness.services.sync.room(harness.boardId)
    leaving.destroy()
    await eventually(() => expect(harness.services.sync.stats().connections).toBe(1))

    // Absence can only be shown by waiting: several idle periods pass with one client left.
    await new Promise((resolve) => setTimeout(resolve, IDLE_UNLOAD_MS * 4))
    expect(harness.services.sync.room(harness.boardId)).toBe(room)
    addNote(staying.doc, 'still', 'Fortfarande här')
    await eventually(async () => {
      const stored = await loadStoredDoc(harness.services.store.docs, harness.boardId)
      expect(noteTexts(stored)).toEqual(['Fortfarande här'])
    })
  })

  it('a client that comes back within the idle time keeps the same room', async () => {
    const harness = await startHarness({ ROOM_IDLE_UNLOAD_MS: '2000' })
    const first = await joinBoard(harness, cleanup)
    addNote(first.doc, 'kept', 'Kvar i minnet')
    const room = harness.services.sync.room(harness.boardId)
    first.destroy()
    await eventually(() => expect(harness.services.sync.stats().connections).toBe(0))

    const second = await joinBoard(harness, cleanup)
    expect(harness.services.sync.room(harness.boardId)).toBe(room)
    expect(noteTexts(second.doc)).toEqual(['Kvar i minnet'])
  })
})

describe('server shutdown', () => {
  it('closing the server closes every client with 1012 after storing everything', async () => {
    const harness = await startHarness()
    const otherBoard = await harness.createBoard()
    const clients = await Promise.all([
      joinBoard(harness, cleanup),
      joinBoard(harness, cleanup),
      joinBoard(harness, cleanup, { boardId: otherBoard }),
    ])
    clients.forEach((client, c) => addNote(client.doc, `c${c}`, `Klient ${c}`))
    await eventually(() => {
      expect(noteTexts(clients[0].doc)).toEqual(['Klient 0', 'Klient 1'])
      expect(noteTexts(clients[1].doc)).toEqual(['Klient 0', 'Klient 1'])
    })
    // The third client's note has reached the server once the server's copy has it.
    await eventually(() => expect(noteTexts(harness.services.sync.room(otherBoard)!.doc)).toEqual(['Klient 2']))

    await harness.close()

    for (const client of clients) {
      await eventually(() => expect(client.closeCodes[0]).toBe(1012))
      // 1012 means "come back later", not "go away": the stock client keeps trying.
      expect(client.provider.shouldConnect).toBe(true)
    }
    const store = openSqliteStore(harness.env.DATABASE_PATH)
    cleanup.add(() => store.close())
    expect(noteTexts(await loadStoredDoc(store.docs, harness.boardId))).toEqual(['Klient 0', 'Klient 1'])
    expect(noteTexts(await loadStoredDoc(store.docs, otherBoard))).toEqual(['Klient 2'])
    // Shutdown compacts what it writes.
    expect((await store.docs.docSize(harness.boardId)).updates).toBe(0)
  })
})

describe('memory after a room', () => {
  it('hands the heap back once the last room has unloaded and things stay quiet, never while a room is open', async () => {
    const dbPath = tempDbPath('heap-release')
    const board = await prepareDatabase(dbPath)
    const collections: number[] = []
    const node = await startSyncNode({
      dbPath,
      fanout: createLocalFanout(),
      idleUnloadMs: IDLE_UNLOAD_MS,
      heapRelease: { collect: () => collections.push(Date.now()), delayMs: 1000, minIntervalMs: 0 },
    })
    cleanup.add(() => node.close())
    const join = async () => {
      const { token } = await node.roomTokens.mint({ boardId: board.boardId, userId: board.userId, name: 'F', role: 'facilitator' })
      return joinWithToken(cleanup, node.syncUrl, board.boardId, token)
    }

    const first = await join()
    for (let n = 0; n < 20; n++) addNote(first.doc, `n-${n}`, `Idé ${n}`)
    await eventually(async () => expect(noteTexts(await loadStoredDoc(node.store.docs, board.boardId))).toHaveLength(20))
    // Open for longer than the release's wait: nothing is collected under a room.
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(collections).toEqual([])

    first.destroy()
    await eventually(() => expect(node.sync.stats().rooms).toBe(0))
    const unloadedAt = Date.now()
    await eventually(() => expect(collections).toHaveLength(1))
    expect(collections[0] - unloadedAt).toBeGreaterThanOrEqual(900)

    // The room unloads again and someone comes back before the release is due: it waits for
    // the room to go again.
    const second = await join()
    expect(noteTexts(second.doc)).toHaveLength(20)
    second.destroy()
    await eventually(() => expect(node.sync.stats().rooms).toBe(0))
    const third = await join()
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(collections).toHaveLength(1)
    third.destroy()
    await eventually(() => expect(collections).toHaveLength(2))
  })
})
