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
})
