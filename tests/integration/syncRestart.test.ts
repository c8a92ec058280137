/**
 * The real sync-only node as a child process (`node dist/sync-node.mjs`) over a SQLite file: what
 * clients have seen survives the process ending, whether it is asked to stop (SIGTERM) or
 * killed outright (SIGKILL) the moment the clients have each other's notes.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createRoomTokens } from '../../lib/auth/roomToken'
import { joinWithToken, type BoardClient } from '../helpers/boardClients'
import { addNote, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { TEST_SECRET, eventually, prepareDatabase, spawnSyncProcess, tempDbPath, type SyncProcess } from '../helpers/syncHarness'

const cleanup = createCleanup()
const roomTokens = createRoomTokens({ secret: TEST_SECRET, ttlSeconds: 60 })

afterEach(() => cleanup.run())

async function spawn(dbPath: string): Promise<SyncProcess> {
  const node = await spawnSyncProcess(dbPath)
  cleanup.add(() => node.stop('SIGKILL'))
  return node
}

async function join(node: SyncProcess, board: { boardId: string; userId: string }): Promise<BoardClient> {
  const { token } = await roomTokens.mint({ ...board, name: 'Test Facilitator', role: 'facilitator' })
  return joinWithToken(cleanup, node.syncUrl, board.boardId, token)
}

/** Three clients write notes at once until each has every note; returns the notes' texts. */
async function writeNotesTogether(node: SyncProcess, board: { boardId: string; userId: string }) {
  const clients = await Promise.all([0, 1, 2].map(() => join(node, board)))
  clients.forEach((client, c) => {
    for (let n = 0; n < 5; n++) addNote(client.doc, `c${c}-n${n}`, `Klient ${c} idé ${n}`)
  })
  const expected = clients.flatMap((_, c) => [0, 1, 2, 3, 4].map((n) => `Klient ${c} idé ${n}`)).sort()
  await eventually(() => {
    for (const client of clients) expect(noteTexts(client.doc)).toEqual(expected)
  })
  return { clients, expected }
}

describe('server restart', () => {
  it('after SIGTERM, a new process on the same database serves every note', async () => {
    const dbPath = tempDbPath('restart-term')
    const board = await prepareDatabase(dbPath)
    const first = await spawn(dbPath)
    const { clients, expected } = await writeNotesTogether(first, board)

    expect(await first.stop('SIGTERM'), first.output()).toBe(0)
    for (const client of clients) await eventually(() => expect(client.closeCodes[0]).toBe(1012))

    const second = await spawn(dbPath)
    const fresh = await join(second, board)
    expect(noteTexts(fresh.doc), first.output() + second.output()).toEqual(expected)
  })

  it('after SIGKILL right when clients have each other’s notes, a new process serves every note', async () => {
    const dbPath = tempDbPath('restart-kill')
    const board = await prepareDatabase(dbPath)
    const first = await spawn(dbPath)
    const { expected } = await writeNotesTogether(first, board)

    await first.stop('SIGKILL')
    expect(first.child.signalCode).toBe('SIGKILL')

    const second = await spawn(dbPath)
    const fresh = await join(second, board)
    expect(noteTexts(fresh.doc)).toEqual(expected)
  })

  it('a client that kept working through a restart sends its offline notes to the new process', async () => {
    const dbPath = tempDbPath('restart-offline')
    const board = await prepareDatabase(dbPath)
    const first = await spawn(dbPath)
    const { clients, expected } = await writeNotesTogether(first, board)
    const survivor = clients[0]

    await first.stop('SIGKILL')
    await eventually(() => expect(survivor.provider.wsconnected).toBe(false))
    addNote(survivor.doc, 'offline', 'Skriven under omstarten')

    const second = await spawn(dbPath)
    // The stock client keeps its doc; pointed at the new process it syncs both ways.
    survivor.provider.disconnect()
    survivor.provider.serverUrl = second.syncUrl
    survivor.provider.connect()
    const fresh = await join(second, board)
    await eventually(() => expect(noteTexts(fresh.doc)).toEqual([...expected, 'Skriven under omstarten'].sort()))
  })
})
