/**
 * Presence (Yjs awareness) between stock y-websocket clients: what one client announces
 * reaches the others, and it disappears when that client goes, however it goes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WS from 'ws'
import { joinBoard, type BoardClient } from '../helpers/boardClients'
import { createCleanup } from '../helpers/cleanup'
import { encodeAwarenessClaim, openRawSocket, roundTrip, syncSocketUrl } from '../helpers/rawSocket'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
let harness: SyncHarness

beforeEach(async () => {
  harness = await startSyncHarness()
  cleanup.add(() => harness.close())
})

afterEach(() => cleanup.run())

const presenceOf = (viewer: BoardClient, clientId: number) => viewer.provider.awareness.getStates().get(clientId)

function expectStillConnected(clients: BoardClient[]) {
  for (const client of clients) {
    expect(client.closeCodes).toEqual([])
    expect(client.provider.wsconnected).toBe(true)
  }
}

describe('presence', () => {
  it('what one client announces reaches every other client, and nobody is disconnected for it', async () => {
    const [alice, bob, carol] = await Promise.all([0, 1, 2].map(() => joinBoard(harness, cleanup)))
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice', color: '#f00' })
    bob.provider.awareness.setLocalStateField('user', { name: 'Bob', color: '#00f' })

    await eventually(() => {
      for (const viewer of [alice, bob, carol]) {
        expect(presenceOf(viewer, alice.doc.clientID)).toEqual({ user: { name: 'Alice', color: '#f00' } })
        expect(presenceOf(viewer, bob.doc.clientID)).toEqual({ user: { name: 'Bob', color: '#00f' } })
      }
    })
    // Stock clients echo every presence they receive back to the server; that is no offence.
    alice.provider.awareness.setLocalStateField('cursor', { x: 10, y: 20 })
    await eventually(() => expect(presenceOf(carol, alice.doc.clientID)).toMatchObject({ cursor: { x: 10, y: 20 } }))
    expectStillConnected([alice, bob, carol])
  })

  it('a client joining later is told who is already there', async () => {
    const alice = await joinBoard(harness, cleanup)
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    await eventually(() =>
      expect(harness.services.sync.room(harness.boardId)!.awareness.getStates().get(alice.doc.clientID)).toEqual({
        user: { name: 'Alice' },
      }),
    )

    const late = await joinBoard(harness, cleanup)
    await eventually(() => expect(presenceOf(late, alice.doc.clientID)).toEqual({ user: { name: 'Alice' } }))
  })

  it('when a client leaves, its presence disappears for the others', async () => {
    const [alice, bob] = await Promise.all([0, 1].map(() => joinBoard(harness, cleanup)))
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    await eventually(() => expect(presenceOf(bob, alice.doc.clientID)).toEqual({ user: { name: 'Alice' } }))

    alice.destroy()
    await eventually(() => expect(presenceOf(bob, alice.doc.clientID)).toBeUndefined())
    expect(harness.services.sync.room(harness.boardId)!.awareness.getStates().has(alice.doc.clientID)).toBe(false)
    expectStillConnected([bob])
  })

  it('a socket that vanishes without a close frame loses its presence', async () => {
    const bob = await joinBoard(harness, cleanup)
    const raw = openRawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, await harness.mintToken()))
    cleanup.add(() => raw.socket.terminate())
    await raw.opened
    const ghostId = 424242
    raw.send(encodeAwarenessClaim([{ clientId: ghostId, clock: 1, state: { user: { name: 'Spöke' } } }]))
    await eventually(() => expect(presenceOf(bob, ghostId)).toEqual({ user: { name: 'Spöke' } }))

    raw.socket.terminate()
    await eventually(() => expect(presenceOf(bob, ghostId)).toBeUndefined())
  })

  it('after a reconnect, a client’s presence still disappears when its connection drops', async () => {
    const [alice, bob] = await Promise.all([0, 1].map(() => joinBoard(harness, cleanup)))
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    await eventually(() => expect(presenceOf(bob, alice.doc.clientID)).toEqual({ user: { name: 'Alice' } }))

    alice.provider.disconnect()
    await eventually(() => expect(presenceOf(bob, alice.doc.clientID)).toBeUndefined())
    alice.provider.connect()
    await eventually(() => expect(alice.provider.synced).toBe(true))
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice igen' })
    await eventually(() => expect(presenceOf(bob, alice.doc.clientID)).toEqual({ user: { name: 'Alice igen' } }))

    // The connection drops without the goodbye a clean disconnect sends.
    alice.provider.shouldConnect = false
    ;(alice.provider.ws as unknown as WS).terminate()
    await eventually(() => expect(presenceOf(bob, alice.doc.clientID)).toBeUndefined())
  })

  it('a stock client marking a silent peer offline is ignored, not disconnected', async () => {
    const [alice, bob] = await Promise.all([0, 1].map(() => joinBoard(harness, cleanup)))
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    await eventually(() => expect(presenceOf(bob, alice.doc.clientID)).toEqual({ user: { name: 'Alice' } }))

    // What the stock client does when a peer has been silent for 30 s: it removes the peer
    // locally, and the change goes out to the server with the peer's current clock.
    const raw = openRawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, await harness.mintToken()))
    cleanup.add(() => raw.socket.terminate())
    await raw.opened
    const clock = bob.provider.awareness.meta.get(alice.doc.clientID)!.clock
    raw.send(encodeAwarenessClaim([{ clientId: alice.doc.clientID, clock, state: null }]))
    await roundTrip(raw)

    expect(raw.socket.readyState).toBe(raw.socket.OPEN)
    expect(presenceOf(bob, alice.doc.clientID)).toEqual({ user: { name: 'Alice' } })
    expectStillConnected([alice, bob])
  })

  it('a client that comes back on a new socket before its old one is noticed dead keeps its presence', async () => {
    const [alice, bob] = await Promise.all([0, 1].map(() => joinBoard(harness, cleanup)))
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    const aliceId = alice.doc.clientID
    await eventually(() => expect(presenceOf(bob, aliceId)).toEqual({ user: { name: 'Alice' } }))

    // The same person (same token user) on a fresh socket, with a newer clock for the same
    // awareness id — what a provider sends after a link drop the server has not seen yet.
    const again = openRawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, await harness.mintToken()))
    cleanup.add(() => again.socket.terminate())
    await again.opened
    const clock = harness.services.sync.room(harness.boardId)!.awareness.meta.get(aliceId)!.clock
    again.send(encodeAwarenessClaim([{ clientId: aliceId, clock: clock + 1, state: { user: { name: 'Alice, åter' } } }]))
    await roundTrip(again)

    expect(again.socket.readyState).toBe(WS.OPEN)
    await eventually(() => expect(presenceOf(bob, aliceId)).toEqual({ user: { name: 'Alice, åter' } }))
    // The stale socket was let go; the new one speaks for the id from now on.
    await eventually(() => expect(alice.closeCodes).toContain(1012))
  })

  it('someone else claiming a newer clock for another person’s id is refused', async () => {
    const alice = await joinBoard(harness, cleanup)
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    const aliceId = alice.doc.clientID
    await eventually(() => expect(harness.services.sync.room(harness.boardId)!.awareness.getStates().has(aliceId)).toBe(true))
    const other = await harness.services.store.users.create({ email: 'other@example.org', name: 'Other', passwordHash: null })
    await harness.services.store.boards.setRole(harness.boardId, other.id, 'participant')
    const raw = openRawSocket(
      syncSocketUrl(harness.syncUrl, harness.boardId, await harness.mintToken({ userId: other.id, name: 'Other', role: 'participant' })),
    )
    cleanup.add(() => raw.socket.terminate())
    await raw.opened
    const clock = harness.services.sync.room(harness.boardId)!.awareness.meta.get(aliceId)!.clock
    raw.send(encodeAwarenessClaim([{ clientId: aliceId, clock: clock + 1, state: { user: { name: 'Mallory' } } }]))
    expect((await raw.closed).code).toBe(4400)
    expect(alice.closeCodes).toEqual([])
  })

  it('stock clients echoing everyone’s presence back, more often than the message rate, are not closed for it', async () => {
    const busy = await startSyncHarness({ SYNC_MAX_MESSAGES_PER_SECOND: '20' })
    cleanup.add(() => busy.close())
    // Stock providers all: each sends back every presence update it receives.
    const clients = await Promise.all([0, 1, 2, 3].map(() => joinBoard(busy, cleanup)))
    for (let step = 1; step <= 40; step++) {
      for (const [i, client] of clients.entries()) client.provider.awareness.setLocalStateField('cursor', { x: step, i })
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    // Each client received (and echoed) about a hundred presence messages a second.
    await eventually(() => {
      for (const viewer of clients) {
        for (const [i, client] of clients.entries()) expect(presenceOf(viewer, client.doc.clientID)).toEqual({ cursor: { x: 40, i } })
      }
    })
    expectStillConnected(clients)
  })

  it('“echoes” of presence the server never sent count against the message rate', async () => {
    const busy = await startSyncHarness({ SYNC_MAX_MESSAGES_PER_SECOND: '20' })
    cleanup.add(() => busy.close())
    const alice = await joinBoard(busy, cleanup)
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    const aliceId = alice.doc.clientID
    await eventually(() => expect(busy.services.sync.room(busy.boardId)!.awareness.getStates().has(aliceId)).toBe(true))
    const flooder = openRawSocket(syncSocketUrl(busy.syncUrl, busy.boardId, await busy.mintToken({ role: 'participant' })))
    cleanup.add(() => flooder.socket.terminate())
    await flooder.opened
    const clock = busy.services.sync.room(busy.boardId)!.awareness.meta.get(aliceId)!.clock
    for (let i = 0; i < 500; i++) flooder.send(encodeAwarenessClaim([{ clientId: aliceId, clock, state: { user: { name: 'Alice' } } }]))
    expect(await flooder.closed).toEqual({ code: 4429, reason: 'message rate' })
    expectStillConnected([alice])
    expect(presenceOf(alice, aliceId)).toEqual({ user: { name: 'Alice' } })
  })
})
