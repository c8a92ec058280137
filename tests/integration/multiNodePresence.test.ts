/**
 * Presence ids belong to whoever claimed them first, across nodes: two real sync processes on
 * one store, linked through a real Redis. A member on one node cannot take over the awareness
 * id of a person on the other — present, or gone and not yet back — and the person returns on
 * their id unharmed. Without Redis these fail in CI (`requireRedis`).
 */
import { afterEach, describe, expect, it } from 'vitest'
import WS from 'ws'
import { createRoomTokens } from '../../lib/auth/roomToken'
import { openSqliteStore } from '../../server/store/sqliteStore'
import { joinWithToken, type BoardClient } from '../helpers/boardClients'
import { createCleanup } from '../helpers/cleanup'
import { encodeAwarenessClaim, openRawSocket, roundTrip, syncSocketUrl, type RawSocket } from '../helpers/rawSocket'
import { withRedis } from '../helpers/withRedis'
import { TEST_SECRET, eventually, prepareDatabase, spawnSyncProcess, tempDbPath, type SyncProcess } from '../helpers/syncHarness'

const cleanup = createCleanup()
const roomTokens = createRoomTokens({ secret: TEST_SECRET, ttlSeconds: 60 })
const redis = withRedis('the multi-node presence tests')
afterEach(() => cleanup.run())

interface Cluster {
  boardId: string
  first: SyncProcess
  second: SyncProcess
  alice: { userId: string; name: string }
  mallory: { userId: string; name: string }
}

async function cluster(label: string): Promise<Cluster> {
  const dbPath = tempDbPath(label)
  const { boardId, userId } = await prepareDatabase(dbPath)
  const store = openSqliteStore(dbPath)
  const other = await store.users.create({ email: 'mallory@example.org', name: 'Mallory', passwordHash: null })
  await store.boards.setRole(boardId, other.id, 'participant')
  await store.close()
  const [first, second] = await Promise.all(
    [0, 1].map(async () => {
      const node = await spawnSyncProcess(dbPath, { REDIS_URL: redis.url })
      cleanup.add(() => node.stop('SIGKILL'))
      return node
    }),
  )
  return { boardId, first, second, alice: { userId, name: 'Alice' }, mallory: { userId: other.id, name: 'Mallory' } }
}

async function token(c: Cluster, who: { userId: string; name: string }, role: 'facilitator' | 'participant') {
  return (await roomTokens.mint({ boardId: c.boardId, userId: who.userId, name: who.name, role })).token
}

/** A stock client of Alice's on `node`. */
async function join(c: Cluster, node: SyncProcess): Promise<BoardClient> {
  return joinWithToken(cleanup, node.syncUrl, c.boardId, await token(c, c.alice, 'facilitator'))
}

async function rawMallory(c: Cluster, node: SyncProcess): Promise<RawSocket> {
  const raw = openRawSocket(syncSocketUrl(node.syncUrl, c.boardId, await token(c, c.mallory, 'participant')))
  cleanup.add(() => raw.socket.terminate())
  await raw.opened
  return raw
}

const presenceOf = (client: BoardClient, id: number) => client.provider.awareness.getStates().get(id)

describe.runIf(redis.runs)('presence ids across nodes', () => {
  it('a member on another node cannot take over the id of a person who is there', async () => {
    const c = await cluster('presence-live')
    const alice = await join(c, c.first)
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    const aliceId = alice.doc.clientID
    const watcher = await join(c, c.second)
    await eventually(() => expect(presenceOf(watcher, aliceId)).toMatchObject({ user: { name: 'Alice' } }), 10_000)
    const mallory = await rawMallory(c, c.second)
    mallory.send(encodeAwarenessClaim([{ clientId: aliceId, clock: 1_000_000, state: { user: { name: 'Mallory' } } }]))
    expect((await mallory.closed).code).toBe(4400)
    alice.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 })
    await eventually(() => expect(presenceOf(watcher, aliceId)).toMatchObject({ user: { name: 'Alice' }, cursor: { x: 1, y: 2 } }), 10_000)
    expect(alice.closeCodes).toEqual([])
  }, 60_000)

  it('nor the id of a person who left, on a node that never saw them; they come back there on it unharmed', async () => {
    const c = await cluster('presence-gone')
    const alice = await join(c, c.first)
    const aliceId = alice.doc.clientID
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    const here = await join(c, c.first)
    await eventually(() => expect(presenceOf(here, aliceId)).toMatchObject({ user: { name: 'Alice' } }), 10_000)
    // Alice's link drops (her page stays open, with its awareness id).
    alice.provider.disconnect()
    await eventually(() => expect(presenceOf(here, aliceId)).toBeUndefined(), 10_000)

    // Mallory saw the id in presence and claims it on the second node, which never had the room.
    const mallory = await rawMallory(c, c.second)
    await roundTrip(mallory)
    mallory.send(encodeAwarenessClaim([{ clientId: aliceId, clock: 1_000_000, state: { user: { name: 'Mallory' } } }]))
    expect((await mallory.closed).code).toBe(4400)

    // Alice's page reconnects, through the second node this time, and goes on announcing herself.
    const watcher = await join(c, c.second)
    alice.provider.serverUrl = c.second.syncUrl
    alice.provider.connect()
    await eventually(() => expect(alice.provider.synced).toBe(true), 10_000)
    let n = 0
    await eventually(
      () => {
        n++
        alice.provider.awareness.setLocalStateField('user', { name: `Alice ${n}` })
        expect(presenceOf(watcher, aliceId)).toMatchObject({ user: { name: expect.stringMatching(/^Alice \d+$/) } })
        expect(presenceOf(here, aliceId)).toMatchObject({ user: { name: expect.stringMatching(/^Alice \d+$/) } })
      },
      10_000,
      50,
    )
    expect(alice.closeCodes.filter((code) => code !== null)).toEqual([])
    expect(alice.provider.ws?.readyState).toBe(WS.OPEN)
  }, 60_000)
})
