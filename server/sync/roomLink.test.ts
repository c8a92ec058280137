import { afterEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { silentLogger } from '../logger'
import { openSqliteStore } from '../store/sqliteStore'
import type { Fanout, FanoutListener, FanoutSubscription } from './fanout'
import { REMOTE_ORIGIN, STORE_ORIGIN } from './origins'
import { RoomLink, type LinkedPresence, type LinkedRoom } from './roomLink'

/** Fanouts for nodes in one process: what one publishes, the others' listeners hear at once. */
function createHub() {
  const listeners = new Map<string, Set<FanoutListener>>()
  let published = 0
  return {
    /** How many messages were published so far. */
    published: () => published,
    fanout(): Fanout {
      return {
        shared: true,
        async subscribe(room, listener): Promise<FanoutSubscription> {
          const here = listeners.get(room) ?? new Set()
          listeners.set(room, here)
          here.add(listener)
          const others = () => [...here].filter((other) => other !== listener)
          return {
            publishUpdate: (update) => {
              published++
              others().forEach((other) => other.update(update))
            },
            publishAwareness: (update, owner) => {
              published++
              others().forEach((other) => other.awareness(update, owner))
            },
            unsubscribe: () => here.delete(listener),
          }
        },
        forgetBoard: async () => {},
        check: async () => {},
        close: async () => {},
      }
    },
  }
}

/** A room and its presence in one. */
interface TestRoom extends LinkedRoom, LinkedPresence {
  doc: Y.Doc
  awareness: awarenessProtocol.Awareness
  /** Awareness ids this node's sockets own, by user. */
  owned: Map<number, string>
  /** What the link handed to the sockets. */
  forwarded: Uint8Array[]
  closed: boolean
}

function testRoom(name = 'board-1'): TestRoom {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState(null)
  const room: TestRoom = {
    name,
    doc,
    awareness,
    owned: new Map(),
    forwarded: [],
    closed: false,
    get isClosed() {
      return room.closed
    },
    forward: (update) => room.forwarded.push(update),
    ownerOf: (origin) => (typeof origin === 'string' ? origin : null),
    local: () => [...room.owned].map(([id, userId]) => ({ ids: [id], userId })),
    release: (ids) => ids.forEach((id) => room.owned.delete(id)),
  }
  return room
}

const store = openSqliteStore(':memory:')
const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

async function linked(room: TestRoom, fanout: Fanout): Promise<RoomLink> {
  const link = new RoomLink(room, room, fanout, store.docs, silentLogger)
  await link.attach()
  cleanups.push(() => link.detach())
  return link
}

/** An awareness update from a client with `clientId`, as the stock provider encodes it. */
function presenceOf(clientId: number, state: unknown, clock = 1): Uint8Array {
  const client = new awarenessProtocol.Awareness(new Y.Doc())
  client.clientID = clientId
  client.meta.set(clientId, { clock: clock - 1, lastUpdated: 0 })
  client.setLocalState(state as Record<string, unknown>)
  return awarenessProtocol.encodeAwarenessUpdate(client, [clientId])
}

describe('RoomLink', () => {
  it('applies updates another node sent together in one go, and hands the sockets what was sent', async () => {
    const room = testRoom()
    const link = await linked(room, createHub().fanout())
    const origins: unknown[] = []
    room.doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))

    const writer = new Y.Doc()
    const updates: Uint8Array[] = []
    writer.on('update', (update: Uint8Array) => updates.push(update))
    writer.getMap('m').set('note', 'first text')
    writer.getMap('m').set('note', 'second text')
    for (const update of updates) link.update(update)
    await Promise.resolve()

    expect(room.doc.getMap('m').toJSON()).toEqual({ note: 'second text' })
    expect(origins).toEqual([REMOTE_ORIGIN])
    expect(room.forwarded).toHaveLength(1)
    // What the doc emits for that transaction no longer holds the replaced text; what was sent does.
    expect(Buffer.from(room.forwarded[0]).includes('first text')).toBe(true)
    const client = new Y.Doc()
    Y.applyUpdate(client, room.forwarded[0])
    expect(client.getMap('m').toJSON()).toEqual({ note: 'second text' })
  })

  it('publishes presence its sockets change, with their user, and not presence it heard from others', async () => {
    const hub = createHub()
    const here = testRoom()
    const there = testRoom()
    await linked(here, hub.fanout())
    const thereLink = await linked(there, hub.fanout())

    awarenessProtocol.applyAwarenessUpdate(here.awareness, presenceOf(11, { user: 'Alice' }), 'user-alice')

    expect(there.awareness.getStates().get(11)).toEqual({ user: 'Alice' })
    expect(thereLink.remoteOwner(11)).toBe('user-alice')
    // Heard, not published again.
    expect(hub.published()).toBe(1)

    awarenessProtocol.removeAwarenessStates(here.awareness, [11], null)
    expect(there.awareness.getStates().has(11)).toBe(false)
    expect(thereLink.remoteOwner(11)).toBeUndefined()
  })

  it('answers another node’s request with the presence of its own sockets', async () => {
    const hub = createHub()
    const here = testRoom()
    const link = await linked(here, hub.fanout())
    awarenessProtocol.applyAwarenessUpdate(here.awareness, presenceOf(21, { user: 'Bo' }), 'user-bo')
    here.owned.set(21, 'user-bo')

    const late = testRoom()
    const lateLink = await linked(late, hub.fanout())
    link.presenceWanted()

    expect(late.awareness.getStates().get(21)).toEqual({ user: 'Bo' })
    expect(lateLink.remoteOwner(21)).toBe('user-bo')
  })

  it('releases an id here when a newer state for it comes from a socket on another node', async () => {
    const room = testRoom()
    const link = await linked(room, createHub().fanout())
    awarenessProtocol.applyAwarenessUpdate(room.awareness, presenceOf(31, { user: 'Cia' }, 1), 'user-cia')
    room.owned.set(31, 'user-cia')

    link.awareness(presenceOf(31, { user: 'Cia' }, 1), 'user-cia')
    expect(room.owned.has(31)).toBe(true)
    link.awareness(presenceOf(31, { user: 'Cia', moved: true }, 2), 'user-cia')
    expect(room.owned.has(31)).toBe(false)
    expect(link.remoteOwner(31)).toBe('user-cia')
  })

  it('catches up from the store, forwarding only what the doc lacked, and asks again for requests made during a read', async () => {
    const name = `catch-up-${Date.now()}`
    const room = testRoom(name)
    const link = await linked(room, createHub().fanout())
    const elsewhere = new Y.Doc()
    const stored: Uint8Array[] = []
    elsewhere.on('update', (update: Uint8Array) => stored.push(update))
    elsewhere.getMap('m').set('first', 1)
    await store.docs.appendUpdates(name, stored.splice(0))

    const forwarded: Uint8Array[] = []
    room.doc.on('update', (update: Uint8Array, origin: unknown) => {
      expect(origin).toBe(STORE_ORIGIN)
      forwarded.push(update)
    })
    const first = link.catchUpFromStore()
    elsewhere.getMap('m').set('second', 2)
    const lastSeq = await store.docs.appendUpdates(name, stored.splice(0))
    const second = link.catchUpFromStore()

    await first
    expect(await second).toBe(lastSeq)
    expect(room.doc.getMap('m').toJSON()).toEqual({ first: 1, second: 2 })
    // A third read finds nothing new and forwards nothing.
    const before = forwarded.length
    await link.catchUpFromStore()
    expect(forwarded.length).toBe(before)
  })

  it('after detaching hears nothing more', async () => {
    const hub = createHub()
    const here = testRoom()
    const there = testRoom()
    await linked(here, hub.fanout())
    const thereLink = await linked(there, hub.fanout())
    thereLink.detach()

    awarenessProtocol.applyAwarenessUpdate(here.awareness, presenceOf(41, { user: 'Dag' }), 'user-dag')
    expect(there.awareness.getStates().has(41)).toBe(false)
  })
})
