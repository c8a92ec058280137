import { atom } from '@tldraw/state'
import {
  CameraRecordType,
  InstancePageStateRecordType,
  InstancePresenceRecordType,
  PageRecordType,
  PointerRecordType,
  TLINSTANCE_ID,
  TLPOINTER_ID,
  UserRecordType,
  createUserId,
  type TLInstancePresence,
  type TLStore,
} from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { createTLStore } from 'tldraw'
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { boardSchema } from '../board/schema'
import { BOARD_PAGE_ID } from '../board/template'
import { bindPresence, presenceInterval, type PresenceBinding } from './bindPresence'
import { linkAwareness } from './testing/linkPeers'

const disposers: (() => void)[] = []
afterEach(() => {
  while (disposers.length) disposers.pop()!()
  vi.useRealTimers()
})

/** A store with the records an editor keeps for its user: instance, page state, camera, pointer. */
function editorStore(): TLStore {
  const store = createTLStore({ schema: boardSchema })
  store.put([
    PageRecordType.create({ id: BOARD_PAGE_ID, name: 'Board', index: 'a1' as IndexKey }),
    boardSchema.types.instance.create({ id: TLINSTANCE_ID, currentPageId: BOARD_PAGE_ID }),
    InstancePageStateRecordType.create({ id: InstancePageStateRecordType.createId(BOARD_PAGE_ID), pageId: BOARD_PAGE_ID }),
    CameraRecordType.create({ id: CameraRecordType.createId(BOARD_PAGE_ID) }),
    PointerRecordType.create({ id: TLPOINTER_ID }),
  ])
  return store
}

interface Client {
  store: TLStore
  awareness: Awareness
  presence: PresenceBinding
  /** The id this client's presence record has in other clients' stores. */
  presenceId: TLInstancePresence['id']
}

function client(name: string, throttleMs = 10): Client {
  const awareness = new Awareness(new Y.Doc())
  const store = editorStore()
  const user = atom('user', UserRecordType.create({ id: createUserId(name.toLowerCase()), name, color: '#1971c2' }))
  const presence = bindPresence({ store, awareness, user, throttleMs })
  disposers.push(() => {
    presence.dispose()
    awareness.destroy()
  })
  return { store, awareness, presence, presenceId: InstancePresenceRecordType.createId(String(awareness.clientID)) }
}

function link(a: Client, b: Client) {
  const wire = linkAwareness(a.awareness, b.awareness)
  disposers.push(() => wire.unlink())
  return wire
}

const presences = (store: TLStore) => store.query.records('instance_presence').get()

const moveCursor = (store: TLStore, x: number, y: number) =>
  store.update(TLPOINTER_ID, (pointer) => ({ ...pointer, x, y, lastActivityTimestamp: Date.now() }))

/** Counts the times a client published its own awareness state. */
function countPublishes(awareness: Awareness): { count: number } {
  const counter = { count: 0 }
  const onUpdate = (_changes: unknown, origin: unknown) => {
    if (origin === 'local') counter.count++
  }
  awareness.on('update', onUpdate)
  disposers.push(() => awareness.off('update', onUpdate))
  return counter
}

describe('presence between two clients', () => {
  it('A’s presence appears in B’s store with A’s name, and nobody sees themselves', async () => {
    const anna = client('Anna')
    const bo = client('Bo')
    link(anna, bo)

    await vi.waitFor(() => {
      expect(presences(bo.store)).toEqual([expect.objectContaining({ id: anna.presenceId, userName: 'Anna' })])
      expect(presences(anna.store)).toEqual([expect.objectContaining({ id: bo.presenceId, userName: 'Bo' })])
    })
  })

  it('a client that joins later is shown who is already there', async () => {
    const anna = client('Anna')
    await vi.waitFor(() => expect(anna.awareness.getLocalState()).toHaveProperty('presence.userName', 'Anna'))
    const bo = client('Bo')
    link(anna, bo)
    expect(presences(bo.store)).toEqual([expect.objectContaining({ userName: 'Anna' })])
  })

  it('a burst of cursor moves is published at most once per throttle interval, ending on the last position', () => {
    vi.useFakeTimers()
    const anna = client('Anna', 50)
    const bo = client('Bo', 50)
    link(anna, bo)
    vi.advanceTimersByTime(100)
    const published = countPublishes(anna.awareness)

    // 60 moves, one every 5 ms: 300 ms of dragging.
    for (let i = 1; i <= 60; i++) {
      moveCursor(anna.store, i * 10, i * 5)
      vi.advanceTimersByTime(5)
    }
    vi.advanceTimersByTime(100)

    expect(published.count).toBeGreaterThanOrEqual(300 / 50 - 1)
    expect(published.count).toBeLessThanOrEqual(300 / 50 + 1)
    expect(bo.store.get(anna.presenceId)?.cursor).toMatchObject({ x: 600, y: 300 })
  })

  it('A’s presence leaves B’s store when A’s awareness state is removed', async () => {
    const anna = client('Anna')
    const bo = client('Bo')
    link(anna, bo)
    await vi.waitFor(() => expect(bo.store.has(anna.presenceId)).toBe(true))

    // As y-websocket does when a tab closes, or the server when a socket goes.
    removeAwarenessStates(anna.awareness, [anna.awareness.clientID], 'window unload')
    expect(bo.store.has(anna.presenceId)).toBe(false)
    expect(presences(bo.store)).toEqual([])
  })

  it('disposing A’s binding takes A’s presence out of B’s store, and B’s dispose clears the presences B shows', async () => {
    const anna = client('Anna')
    const bo = client('Bo')
    link(anna, bo)
    await vi.waitFor(() => expect(presences(anna.store)).toHaveLength(1))
    await vi.waitFor(() => expect(presences(bo.store)).toHaveLength(1))

    anna.presence.dispose()
    expect(presences(bo.store)).toEqual([])

    const carl = client('Carl')
    link(carl, bo)
    await vi.waitFor(() => expect(presences(bo.store)).toHaveLength(1))
    bo.presence.dispose()
    expect(presences(bo.store)).toEqual([])
  })

  it('a remote state whose presence is not a valid record is not shown', () => {
    const bo = client('Bo')
    const stranger = new Awareness(new Y.Doc())
    disposers.push(() => stranger.destroy())
    stranger.setLocalStateField('presence', { typeName: 'instance_presence', id: 'instance_presence:x', userName: 42 })
    link({ awareness: stranger } as Client, bo)
    expect(presences(bo.store)).toEqual([])
  })
})

describe('presence in a big room', () => {
  it('publishes 20 times a second up to 20 people, then slows so the room’s total stays level', () => {
    expect(presenceInterval(50, 1)).toBe(50)
    expect(presenceInterval(50, 20)).toBe(50)
    expect(presenceInterval(50, 100)).toBe(250)
    expect((1000 / presenceInterval(50, 100)) * 100).toBe((1000 / presenceInterval(50, 20)) * 20)
    expect(presenceInterval(50, 5000)).toBe(1000)
  })
})
