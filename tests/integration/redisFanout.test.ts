/**
 * The Redis fanout on its own, against a real Redis of the test's own: what one node publishes
 * reaches the rooms other nodes follow, and every way of losing news — Redis restarting, a room
 * subscribing while Redis is away, a node failing to publish — ends in a catch-up request.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../server/logger'
import type { Fanout, FanoutListener } from '../../server/sync/fanout'
import { compareStreamIds, createRedisFanout } from '../../server/sync/redisFanout'
import { createCleanup } from '../helpers/cleanup'
import { withRedis } from '../helpers/withRedis'
import { eventually } from '../helpers/syncHarness'

const cleanup = createCleanup()
const redis = withRedis('the Redis fanout tests')
afterEach(() => cleanup.run())

type Heard =
  | { kind: 'update'; bytes: number[] }
  | { kind: 'awareness'; bytes: number[]; owner: string | null }
  | { kind: 'presenceWanted' }
  | { kind: 'catchUp' }

/** A listener that writes down what it hears. */
function recorder(): FanoutListener & { heard: Heard[]; count(kind: Heard['kind']): number } {
  const heard: Heard[] = []
  return {
    heard,
    count: (kind) => heard.filter((entry) => entry.kind === kind).length,
    update: (update) => heard.push({ kind: 'update', bytes: [...update] }),
    awareness: (update, owner) => heard.push({ kind: 'awareness', bytes: [...update], owner }),
    presenceWanted: () => heard.push({ kind: 'presenceWanted' }),
    catchUp: () => heard.push({ kind: 'catchUp' }),
  }
}

function fanout(nodeId: string, url = redis.url): Fanout {
  const created = createRedisFanout({ url, logger: silentLogger, nodeId, keyPrefix: `test-${process.pid}:` })
  cleanup.add(() => created.close())
  return created
}

let roomCount = 0
const newRoom = () => `room-${++roomCount}-${Date.now()}`

describe('stream ids', () => {
  it('are ordered by time, then by sequence, as numbers', () => {
    expect(compareStreamIds('1700000000000-0', '1700000000000-0')).toBe(0)
    expect(compareStreamIds('999-5', '1000-0')).toBeLessThan(0)
    expect(compareStreamIds('1000-10', '1000-9')).toBeGreaterThan(0)
  })
})

describe.runIf(redis.runs)('the Redis fanout', () => {
  it('a room hears the updates, presence and requests other nodes publish, in order, and never its own', async () => {
    const room = newRoom()
    const here = recorder()
    const there = recorder()
    const a = await fanout('node-a').subscribe(room, here)
    await fanout('node-b').subscribe(room, there)

    a.publishUpdate(new Uint8Array([1, 2, 3]))
    a.publishAwareness(new Uint8Array([9]), 'user-1')
    a.publishUpdate(new Uint8Array([4]))

    await eventually(() =>
      expect(there.heard).toEqual([
        { kind: 'update', bytes: [1, 2, 3] },
        { kind: 'awareness', bytes: [9], owner: 'user-1' },
        { kind: 'update', bytes: [4] },
      ]),
    )
    // Node B asked for presence when it subscribed; node A heard that, and nothing of its own.
    expect(here.heard).toEqual([{ kind: 'presenceWanted' }])
  })

  it('after unsubscribing, a room hears nothing more', async () => {
    const room = newRoom()
    const listener = recorder()
    const publisher = await fanout('node-a').subscribe(room, recorder())
    const follower = await fanout('node-b').subscribe(room, listener)
    publisher.publishUpdate(new Uint8Array([1]))
    await eventually(() => expect(listener.count('update')).toBe(1))

    follower.unsubscribe()
    publisher.publishUpdate(new Uint8Array([2]))
    // A room that is still followed hears the second update, so the first had time to arrive.
    const witness = recorder()
    await fanout('node-c').subscribe(room, witness)
    publisher.publishUpdate(new Uint8Array([3]))
    await eventually(() => expect(witness.count('update')).toBe(1))
    expect(listener.heard.filter((entry) => entry.kind === 'update')).toEqual([{ kind: 'update', bytes: [1] }])
  })

  it('when Redis restarts, each followed room is told to catch up, and hears new entries afterwards', async () => {
    const room = newRoom()
    const listener = recorder()
    const publisher = await fanout('node-a').subscribe(room, recorder())
    await fanout('node-b').subscribe(room, listener)

    await redis.shutdown()
    await redis.start()
    await eventually(() => expect(listener.count('catchUp')).toBeGreaterThan(0), 10_000)

    await eventually(
      () => {
        publisher.publishUpdate(new Uint8Array([7]))
        expect(listener.count('update')).toBeGreaterThan(0)
      },
      10_000,
      200,
    )
  })

  it('a room that subscribes while Redis is away is told to catch up once Redis is back', async () => {
    await redis.shutdown()
    const listener = recorder()
    await fanout('node-a').subscribe(newRoom(), listener)
    expect(listener.count('catchUp')).toBe(0)

    await redis.start()
    await eventually(() => expect(listener.count('catchUp')).toBeGreaterThan(0), 10_000)
  })

  it('when a node could not publish an update, the other nodes are told to catch up once it can', async () => {
    const room = newRoom()
    const listener = recorder()
    const publisher = await fanout('node-cut-off').subscribe(room, recorder())
    await fanout('node-b').subscribe(room, listener)

    // Only the publishing node's command connection is cut; the other node keeps reading.
    const clients = redis.cli('client', 'list')
    const id = /id=(\d+) .*name=fanout:node-cut-off /.exec(clients)?.[1]
    expect(id, clients).toBeDefined()
    redis.cli('client', 'kill', 'id', id!)
    // Published while the node reconnects (its first retry waits 100 ms): the update is
    // stored but cannot be sent, so the stream only learns that there is news in the store.
    await new Promise((resolve) => setTimeout(resolve, 20))
    publisher.publishUpdate(new Uint8Array([5]))

    await eventually(() => expect(listener.count('catchUp')).toBe(1), 10_000)
    expect(listener.count('update')).toBe(0)
  })
})
