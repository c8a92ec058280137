/**
 * What a room does on the server keeps working when two nodes in this process serve a board
 * through a real Redis, each with its own connection to a shared SQLite file: server-side
 * changes, the template guard, and compaction of a log that both nodes append to.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { openRecordStore, readRecords } from '../../lib/board/docLayout'
import { areaShapeId } from '../../lib/board/template'
import { createRedisFanout } from '../../server/sync/redisFanout'
import { silentLogger } from '../../server/logger'
import { joinWithToken, type BoardClient } from '../helpers/boardClients'
import { addNote, loadStoredDoc, noteTexts, putNote, buildNote } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { withRedis } from '../helpers/withRedis'
import { eventually, prepareDatabase, tempDbPath } from '../helpers/syncHarness'
import { startSyncNode, type SyncNode } from '../helpers/syncNode'

const cleanup = createCleanup()
const redis = withRedis('the multi-node room tests')
afterEach(() => cleanup.run())

type Board = { boardId: string; userId: string }

async function node(dbPath: string, options: { keyPrefix?: string; compactEvery?: number } = {}): Promise<SyncNode> {
  const fanout = createRedisFanout({ url: redis.url, logger: silentLogger, keyPrefix: options.keyPrefix })
  const started = await startSyncNode({ dbPath, fanout, compactEvery: options.compactEvery })
  cleanup.add(() => started.close())
  return started
}

async function join(on: SyncNode, board: Board, role: 'facilitator' | 'participant' = 'facilitator'): Promise<BoardClient> {
  let userId = board.userId
  if (role !== 'facilitator') {
    const user = await on.store.users.create({ email: `${role}.${Math.random()}@example.org`, name: role, passwordHash: null })
    await on.store.boards.setRole(board.boardId, user.id, role)
    userId = user.id
  }
  const { token } = await on.roomTokens.mint({ boardId: board.boardId, userId, name: role, role })
  return joinWithToken(cleanup, on.syncUrl, board.boardId, token)
}

describe.runIf(redis.runs)('rooms on two nodes', () => {
  it('a note written through changeDoc on one node reaches clients on the other', async () => {
    const dbPath = tempDbPath('nodes-changedoc')
    const board = await prepareDatabase(dbPath)
    const [first, second] = [await node(dbPath), await node(dbPath)]
    const client = await join(second, board)

    await first.sync.changeDoc(board.boardId, (doc) => {
      addNote(doc, 'from-server', 'Från servern')
    })

    await eventually(() => expect(noteTexts(client.doc)).toEqual(['Från servern']))
  })

  it('a participant’s change to the template on one node is undone there and never shows on the other', async () => {
    const dbPath = tempDbPath('nodes-template')
    const board = await prepareDatabase(dbPath)
    const [first, second] = [await node(dbPath), await node(dbPath)]
    const watcher = await join(first, board)
    const participant = await join(second, board, 'participant')
    const key = areaShapeId('ekonomi')
    const original = readRecords(watcher.doc).get(key) as TLRecord & { x: number }
    const seen: (TLRecord | undefined)[] = []
    watcher.doc.on('afterTransaction', () => seen.push(readRecords(watcher.doc).get(key)))

    const records = openRecordStore(participant.doc)
    records.set(key, { ...original, x: original.x + 900 } as TLRecord)
    // A note in the same breath shows when the participant's message has gone all the way.
    putNote(participant.doc, buildNote({ key: 'marker', text: 'Markör' }))

    await eventually(() => expect(noteTexts(watcher.doc)).toEqual(['Markör']))
    await eventually(() => expect(readRecords(participant.doc).get(key)).toEqual(original))
    expect(readRecords(watcher.doc).get(key)).toEqual(original)
    expect(seen.every((value) => (value as { x: number } | undefined)?.x === original.x)).toBe(true)
  })

  it('a node compacting the log keeps an update another node appended that it had not heard of', async () => {
    const dbPath = tempDbPath('nodes-compact')
    const board = await prepareDatabase(dbPath)
    // Different key prefixes: the nodes share the store but never hear each other, as when a
    // fanout message is lost. Only the store can tell the compacting node about the other's note.
    const compacting = await node(dbPath, { keyPrefix: 'a:', compactEvery: 3 })
    const other = await node(dbPath, { keyPrefix: 'b:', compactEvery: 1000 })
    // The compacting node's room is loaded before the other node stores its note.
    const writer = await join(compacting, board)
    const elsewhere = await join(other, board)
    addNote(elsewhere.doc, 'elsewhere', 'Från andra noden')
    await eventually(async () => {
      const stored = await loadStoredDoc(other.store.docs, board.boardId)
      expect(noteTexts(stored)).toEqual(['Från andra noden'])
    })

    for (let n = 0; n < 4; n++) addNote(writer.doc, `here-${n}`, `Här ${n}`)
    await eventually(async () => {
      const stored = await compacting.store.docs.loadDoc(board.boardId)
      expect(stored.snapshot).not.toBeNull()
    })

    const expected = ['Från andra noden', 'Här 0', 'Här 1', 'Här 2', 'Här 3']
    await eventually(async () => expect(noteTexts(await loadStoredDoc(compacting.store.docs, board.boardId))).toEqual(expected))
    // Catching up before compacting also brought the other node's note to this node's clients.
    await eventually(() => expect(noteTexts(writer.doc)).toEqual(expected))
    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(writer.doc))
    expect(noteTexts(fresh)).toEqual(expected)
  })
})
