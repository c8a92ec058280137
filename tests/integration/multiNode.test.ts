/**
 * Two sync nodes — real child processes (the sync-only node, `node dist/sync-node.mjs`) on one shared store,
 * with REDIS_URL pointing at a real Redis — serve the same board. Clients on different nodes
 * see each other's notes and presence; Redis restarting (and losing every stream) or a node
 * killed outright loses nothing: the nodes catch up from the store.
 *
 * The shared store is PostgreSQL, as in a deployment (when one is reachable; CI requires
 * one), and one SQLite file in WAL mode, which two processes on one host can share too.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { createRoomTokens } from '../../lib/auth/roomToken'
import { createBoardState } from '../../lib/board/createBoardDoc'
import { openPostgresStore } from '../../server/store/postgresStore'
import { joinWithToken, type BoardClient } from '../helpers/boardClients'
import { addNote, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { withRedis } from '../helpers/withRedis'
import { TEST_SECRET, eventually, prepareDatabase, spawnSyncProcess, tempDbPath, type SyncProcess } from '../helpers/syncHarness'
import { createTestSchema, findTestPostgres, postgresRequired } from '../helpers/testPostgres'

const cleanup = createCleanup()
const roomTokens = createRoomTokens({ secret: TEST_SECRET, ttlSeconds: 60 })
const redis = withRedis('the multi-node tests')
const postgres = await findTestPostgres()
afterEach(() => cleanup.run())

type Board = { boardId: string; userId: string }

/** A shared store with one board, and a way to start a node on it. */
interface SharedStore {
  board: Board
  startNode(extraEnv?: Record<string, string>): Promise<SyncProcess>
}

function nodeOn(dbPath: string, storeEnv: Record<string, string>) {
  return async (extraEnv: Record<string, string> = {}) => {
    const node = await spawnSyncProcess(dbPath, { REDIS_URL: redis.url, ...storeEnv, ...extraEnv })
    cleanup.add(() => node.stop('SIGKILL'))
    return node
  }
}

async function sqliteStore(label: string): Promise<SharedStore> {
  const dbPath = tempDbPath(label)
  return { board: await prepareDatabase(dbPath), startNode: nodeOn(dbPath, {}) }
}

async function postgresStore(): Promise<SharedStore> {
  if (!postgres.ok) throw new Error(postgres.problem)
  const schema = await createTestSchema(postgres.url)
  cleanup.add(() => schema.drop())
  const store = await openPostgresStore({ connectionString: schema.url })
  try {
    const user = await store.users.create({ email: 'facilitator@example.org', name: 'Test Facilitator', passwordHash: null })
    const board = await store.boards.create({
      name: 'Test board',
      locale: 'sv',
      createdBy: user.id,
      initialState: createBoardState({ name: 'Test board', locale: 'sv', includeStarterNotes: false }),
    })
    return { board: { boardId: board.id, userId: user.id }, startNode: nodeOn(tempDbPath('unused'), { DATABASE_URL: schema.url }) }
  } finally {
    await store.close()
  }
}

const stores: [string, (label: string) => Promise<SharedStore>, boolean][] = [
  ['PostgreSQL', postgresStore, postgres.ok || postgresRequired],
  ['one SQLite file', sqliteStore, true],
]
if (!postgres.ok && !postgresRequired) console.warn(`multi-node tests on PostgreSQL not run: ${postgres.problem}`)

async function join(node: SyncProcess, board: Board, name = 'Test Facilitator'): Promise<BoardClient> {
  const { token } = await roomTokens.mint({ ...board, name, role: 'facilitator' })
  return joinWithToken(cleanup, node.syncUrl, board.boardId, token)
}

function writeNotes(client: BoardClient, prefix: string, count: number): string[] {
  const texts: string[] = []
  for (let n = 0; n < count; n++) {
    const text = `${prefix} idé ${n}`
    addNote(client.doc, `${prefix}-${n}`, text)
    texts.push(text)
  }
  return texts
}

async function expectEveryoneHas(clients: BoardClient[], expected: string[], timeoutMs = 10_000, why = () => '') {
  const sorted = [...expected].sort()
  await eventually(() => {
    for (const client of clients) expect(noteTexts(client.doc), why()).toEqual(sorted)
  }, timeoutMs)
}

describe.each(stores)('many nodes through Redis, sharing %s', (_name, openStore, available) => {
  async function twoNodes(label: string) {
    const store = await openStore(label)
    const [first, second] = await Promise.all([store.startNode(), store.startNode()])
    return { store, board: store.board, first, second }
  }

  describe.runIf(redis.runs && available)('two nodes', () => {
    it('clients on different nodes see each other’s notes', async () => {
      const { board, first, second } = await twoNodes('nodes-notes')
      const clients = await Promise.all([join(first, board), join(first, board), join(second, board), join(second, board)])

      const expected = clients.flatMap((client, c) => writeNotes(client, `Klient ${c}`, 5))

      await expectEveryoneHas(clients, expected, 10_000, () => first.output() + second.output())
    }, 60_000)

    it('clients on different nodes see each other’s presence, and see it go when a client leaves', async () => {
      const { board, first, second } = await twoNodes('nodes-presence')
      const alice = await join(first, board, 'Alice')
      alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
      // Bob's node loads the board after Alice announced herself there: it asks for her presence.
      const bob = await join(second, board, 'Bob')
      bob.provider.awareness.setLocalStateField('user', { name: 'Bob' })

      await eventually(() => {
        expect(bob.provider.awareness.getStates().get(alice.doc.clientID)).toEqual({ user: { name: 'Alice' } })
        expect(alice.provider.awareness.getStates().get(bob.doc.clientID)).toEqual({ user: { name: 'Bob' } })
      })
      alice.provider.awareness.setLocalStateField('cursor', { x: 3, y: 4 })
      await eventually(() => expect(bob.provider.awareness.getStates().get(alice.doc.clientID)).toMatchObject({ cursor: { x: 3, y: 4 } }))

      alice.destroy()
      await eventually(() => expect(bob.provider.awareness.getStates().has(alice.doc.clientID)).toBe(false))
      expect(bob.closeCodes).toEqual([])
    }, 60_000)

    it('after Redis restarts mid-session, the nodes catch up from the store and every client converges', async () => {
      const { board, first, second } = await twoNodes('nodes-redis-restart')
      const onFirst = await Promise.all([join(first, board), join(first, board)])
      const onSecond = await Promise.all([join(second, board), join(second, board)])
      const everyone = [...onFirst, ...onSecond]
      const why = () => first.output() + second.output()
      const before = everyone.flatMap((client, c) => writeNotes(client, `Före ${c}`, 3))
      await expectEveryoneHas(everyone, before, 10_000, why)

      await redis.shutdown()
      // With Redis gone, each node still stores and serves its own clients' notes.
      const during = everyone.flatMap((client, c) => writeNotes(client, `Under ${c}`, 3))
      await expectEveryoneHas(onFirst, [...before, ...onFirst.flatMap((_, c) => [0, 1, 2].map((n) => `Under ${c} idé ${n}`))], 10_000, why)

      await redis.start()
      await expectEveryoneHas(everyone, [...before, ...during], 15_000, why)

      // And the nodes hear each other again.
      const after = writeNotes(onSecond[0], 'Efter', 3)
      await expectEveryoneHas(everyone, [...before, ...during, ...after], 10_000, why)
      for (const client of everyone) expect(client.closeCodes).toEqual([])
    }, 60_000)

    it('a node killed with SIGKILL and started again on its port serves what the other node stored meanwhile', async () => {
      const { store, board, first, second } = await twoNodes('nodes-kill')
      const survivor = await join(first, board)
      const orphan = await join(second, board)
      const before = [...writeNotes(survivor, 'Kvar', 3), ...writeNotes(orphan, 'Föräldralös', 3)]
      await expectEveryoneHas([survivor, orphan], before)

      await second.stop('SIGKILL')
      expect(second.child.signalCode).toBe('SIGKILL')
      // Both keep writing: the survivor's notes are stored by the first node, the orphan's wait
      // in its client until it reconnects.
      const meanwhile = [...writeNotes(survivor, 'Medan', 3), ...writeNotes(orphan, 'Offline', 3)]

      const restarted = await store.startNode({ PORT: String(second.port) })
      const fresh = await join(restarted, board)
      await expectEveryoneHas([survivor, orphan, fresh], [...before, ...meanwhile], 15_000, () => first.output() + restarted.output())
    }, 60_000)
  })
})
