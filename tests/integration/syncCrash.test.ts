/**
 * The real server as a child process, twenty clients writing notes as fast as a busy workshop,
 * and the process killed with SIGKILL (or stopped with SIGTERM) in the middle of it. A new
 * process on the same database must hold every edit that any client had received from the
 * server — each client records exactly what reached it, from the updates the server sent it.
 * Stopped with SIGTERM, the process itself stores everything first. Killed, it may die between
 * forwarding a batch and storing it (server/sync/DurableUpdates.ts forwards first): the clients
 * that received it reconnect to the new process, as browsers do, and send it again.
 * Run against SQLite, and against PostgreSQL when one is reachable (CI requires one).
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRoomTokens } from '../../lib/auth/roomToken'
import { createBoardState } from '../../lib/board/createBoardDoc'
import { openPostgresStore } from '../../server/store/postgresStore'
import { openSqliteStore } from '../../server/store/sqliteStore'
import { joinWithToken, type BoardClient } from '../helpers/boardClients'
import { addNote, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { TEST_SECRET, eventually, prepareDatabase, spawnSyncProcess, tempDbPath, type SyncProcess } from '../helpers/syncHarness'
import { createTestSchema, findTestPostgres, postgresRequired, type TestSchema } from '../helpers/testPostgres'

const CLIENTS = 20
/** Notes the first client must have received from the others before the server is stopped. */
const STORM_NOTES = 250
/** Every client is the facilitator: the clients back from the crash and one more must fit. */
const SPAWN_ENV = { SYNC_MAX_CONNECTIONS_PER_PERSON: String(2 * CLIENTS) }
const cleanup = createCleanup()
const roomTokens = createRoomTokens({ secret: TEST_SECRET, ttlSeconds: 60 })
const postgres = await findTestPostgres()

afterEach(() => cleanup.run())

interface Database {
  /** Starts the server on this database. */
  spawn(): Promise<SyncProcess>
  board: { boardId: string; userId: string }
  /** The stored size of the board's document, read with a store of its own. */
  docSize(): Promise<{ bytes: number; updates: number }>
}

async function sqliteDatabase(): Promise<Database> {
  const dbPath = tempDbPath('crash')
  const board = await prepareDatabase(dbPath)
  return {
    board,
    spawn: () => spawnSyncProcess(dbPath, SPAWN_ENV),
    async docSize() {
      const store = openSqliteStore(dbPath)
      try {
        return await store.docs.docSize(board.boardId)
      } finally {
        await store.close()
      }
    },
  }
}

async function postgresDatabase(schema: TestSchema): Promise<Database> {
  const store = await openPostgresStore({ connectionString: schema.url })
  const user = await store.users.create({ email: 'facilitator@example.org', name: 'Test Facilitator', passwordHash: null })
  const board = await store.boards.create({
    name: 'Test board',
    locale: 'sv',
    createdBy: user.id,
    initialState: createBoardState({ name: 'Test board', locale: 'sv', includeStarterNotes: false }),
  })
  await store.close()
  return {
    board: { boardId: board.id, userId: user.id },
    spawn: () => spawnSyncProcess(tempDbPath('unused'), { ...SPAWN_ENV, DATABASE_URL: schema.url }),
    async docSize() {
      const reader = await openPostgresStore({ connectionString: schema.url })
      try {
        return await reader.docs.docSize(board.id)
      } finally {
        await reader.close()
      }
    },
  }
}

/** A client that records, from every update the server sent it, the state it has received. */
interface RecordingClient extends BoardClient {
  /** Per Yjs client id, the end of the clock range received from the server. */
  received: Map<number, number>
  /** Texts of notes written by other clients, which can only have come from the server. */
  notesFromOthers(): string[]
}

async function join(node: SyncProcess, db: Database, index: number): Promise<RecordingClient> {
  const { token } = await roomTokens.mint({ ...db.board, name: `Klient ${index}`, role: 'facilitator' })
  const client = await joinWithToken(cleanup, node.syncUrl, db.board.boardId, token)
  const received = new Map<number, number>()
  client.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== client.provider) return
    for (const [id, clock] of Y.parseUpdateMeta(update).to) received.set(id, Math.max(received.get(id) ?? 0, clock))
  })
  return Object.assign(client, {
    received,
    notesFromOthers: () => noteTexts(client.doc).filter((text) => !text.startsWith(`k${index} `)),
  })
}

/** Every client adds a note every few milliseconds until stopped. */
function storm(clients: RecordingClient[]): () => void {
  const timers = clients.map((client, c) => {
    let n = 0
    return setInterval(() => {
      if (client.provider.wsconnected) addNote(client.doc, `k${c}-${n}`, `k${c} idé ${n++}`, { x: 60 * c, y: 40 * n })
    }, 15 + c)
  })
  return () => timers.forEach(clearInterval)
}

async function stormThenStop(db: Database, signal: 'SIGKILL' | 'SIGTERM') {
  const first = await db.spawn()
  cleanup.add(() => first.stop('SIGKILL'))
  const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => join(first, db, i)))
  const stop = storm(clients)
  // However busy the machine, the storm runs until the clients have traded a few hundred notes.
  await eventually(() => expect(clients[0].notesFromOthers().length).toBeGreaterThanOrEqual(STORM_NOTES), 60_000, 100)
  const exitCode = await first.stop(signal)
  stop()
  const sizeAtExit = await db.docSize()
  for (const client of clients) client.provider.disconnect()

  const received = new Map<number, number>()
  for (const client of clients) {
    for (const [id, clock] of client.received) received.set(id, Math.max(received.get(id) ?? 0, clock))
  }
  const seen = new Set(clients.flatMap((client) => client.notesFromOthers()))

  const second = await db.spawn()
  cleanup.add(() => second.stop('SIGKILL'))
  if (signal === 'SIGKILL') {
    for (const client of clients) {
      client.provider.serverUrl = second.syncUrl
      client.provider.connect()
    }
  }
  const { token } = await roomTokens.mint({ ...db.board, name: 'Efteråt', role: 'facilitator' })
  const after = await joinWithToken(cleanup, second.syncUrl, db.board.boardId, token)
  return { first, exitCode, sizeAtExit, received, seen, after, clients }
}

async function expectEverythingReceivedIsThere(result: Awaited<ReturnType<typeof stormThenStop>>) {
  const { received, seen, after, first } = result
  // The storm was real: the clients had received hundreds of each other's notes.
  expect(seen.size, first.output()).toBeGreaterThan(200)
  // What the reconnected clients send again reaches `after` through the new process.
  await eventually(() => {
    const stored = Y.decodeStateVector(Y.encodeStateVector(after.doc))
    const missing = [...received].filter(([id, clock]) => (stored.get(id) ?? 0) < clock)
    expect(missing, 'clock ranges a client received that the restarted server lacks').toEqual([])
    const texts = new Set(noteTexts(after.doc))
    expect([...seen].filter((text) => !texts.has(text))).toEqual([])
  }, 10_000)
}

const databases: [string, () => Promise<Database>, boolean][] = [
  ['SQLite', sqliteDatabase, true],
  [
    'PostgreSQL',
    async () => {
      if (!postgres.ok) throw new Error(postgres.problem)
      const schema = await createTestSchema(postgres.url)
      cleanup.add(() => schema.drop())
      return postgresDatabase(schema)
    },
    postgres.ok || postgresRequired,
  ],
]
if (!postgres.ok && !postgresRequired) console.warn(`crash tests on PostgreSQL not run: ${postgres.problem}`)

describe.each(databases)('on %s', (_name, openDatabase, available) => {
  describe.runIf(available)('a sync server in the middle of an edit storm', () => {
    it('killed with SIGKILL, loses none of the edits any client had received', async () => {
      const result = await stormThenStop(await openDatabase(), 'SIGKILL')
      expect(result.first.child.signalCode).toBe('SIGKILL')
      await expectEverythingReceivedIsThere(result)
    }, 120_000)

    it('stopped with SIGTERM, exits cleanly after storing and compacting everything it took', async () => {
      const result = await stormThenStop(await openDatabase(), 'SIGTERM')
      expect(result.exitCode, result.first.output()).toBe(0)
      expect(result.first.output()).toContain('shutting down')
      for (const client of result.clients) expect(client.closeCodes).toContain(1012)
      expect(result.sizeAtExit.updates).toBe(0)
      await expectEverythingReceivedIsThere(result)
    }, 120_000)
  })
})
