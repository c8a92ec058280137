/**
 * A member's socket that sends garbage loses its own connection (4400) and nothing else: the
 * frame is not applied, not stored, not forwarded, and honest clients on the same board keep
 * converging without being disconnected.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { joinBoard, type BoardClient } from '../helpers/boardClients'
import { addNote, hasChangesFrom, loadStoredDoc, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import {
  encodeAwarenessClaim,
  encodeSyncUpdate,
  frame,
  messageTypes,
  openRawSocket,
  syncSocketUrl,
  type RawSocket,
} from '../helpers/rawSocket'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const MAX_MESSAGE_BYTES = 65_536
const cleanup = createCleanup()
let harness: SyncHarness
let boardId: string
let honest: BoardClient[]
let round = 0

beforeAll(async () => {
  harness = await startSyncHarness({ SYNC_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) })
})

afterAll(() => harness.close())

beforeEach(async () => {
  boardId = await harness.createBoard()
  honest = [await joinBoard(harness, cleanup, { boardId }), await joinBoard(harness, cleanup, { boardId })]
})

afterEach(() => cleanup.run())

/** Both honest clients write a note and both see both notes. */
async function expectHonestClientsConverge() {
  round++
  const [a, b] = honest
  addNote(a.doc, `a-${round}`, `A runda ${round}`)
  addNote(b.doc, `b-${round}`, `B runda ${round}`)
  await eventually(() => {
    expect(noteTexts(a.doc)).toContain(`B runda ${round}`)
    expect(noteTexts(b.doc)).toContain(`A runda ${round}`)
    expect(noteTexts(a.doc)).toEqual(noteTexts(b.doc))
  })
}

/**
 * A member's raw socket, in the room (greeted with sync step 1) before it misbehaves. By
 * default another person than the honest clients (who share the harness's user).
 */
async function memberSocket(): Promise<RawSocket> {
  let mallory = await harness.services.store.users.findByEmail('mallory@example.org')
  mallory ??= await harness.services.store.users.create({ email: 'mallory@example.org', name: 'Mallory', passwordHash: null })
  await harness.services.store.boards.setRole(boardId, mallory.id, 'participant')
  const token = await harness.mintToken({ boardId, userId: mallory.id, name: mallory.name, role: 'participant' })
  const raw = openRawSocket(syncSocketUrl(harness.syncUrl, boardId, token))
  cleanup.add(() => raw.socket.terminate())
  await raw.opened
  await eventually(() => expect(messageTypes(raw.messages)).toContain(0))
  return raw
}

/** Nothing written by `clientId` reached the room's doc, the store or an honest client. */
async function expectNothingAppliedFrom(clientId: number) {
  const room = harness.services.sync.room(boardId)!
  expect(hasChangesFrom(room.doc, clientId)).toBe(false)
  for (const client of honest) expect(hasChangesFrom(client.doc, clientId)).toBe(false)
  const stored = await loadStoredDoc(harness.services.store.docs, boardId)
  expect(hasChangesFrom(stored, clientId)).toBe(false)
  expect(noteTexts(stored)).toEqual(noteTexts(honest[0].doc))
}

function expectHonestClientsStayedConnected() {
  for (const client of honest) {
    expect(client.closeCodes).toEqual([])
    expect(client.provider.wsconnected).toBe(true)
  }
}

/** mulberry32: the same "random" bytes on every run. */
function seededBytes(seed: number, length: number): Uint8Array {
  let state = seed
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff
  }
  return bytes
}

/** An awareness update of one entry whose state is `json`, written as is. */
function awarenessEntry(clientId: number, clock: number, json: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint(encoder, clientId)
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarString(encoder, json)
  return encoding.toUint8Array(encoder)
}

/** A real update from a doc of its own: one note the hostile socket tries to slip in. */
function hostileUpdate(text = 'Fientlig lapp'): { clientId: number; update: Uint8Array } {
  const doc = new Y.Doc()
  addNote(doc, `hostile-${doc.clientID}`, text)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return { clientId: doc.clientID, update }
}

const hostile = hostileUpdate()
const wholeUpdate = encodeSyncUpdate(hostile.update)

const garbage: [string, Uint8Array | string][] = [
  ['random bytes', seededBytes(1, 512)],
  ['random bytes inside a sync update', frame(0, 2, seededBytes(2, 512))],
  ['a sync update cut short', wholeUpdate.slice(0, Math.floor(wholeUpdate.length / 2))],
  ['a sync update whose update is cut short', frame(0, 2, hostile.update.slice(0, Math.floor(hostile.update.length / 2)))],
  ['a sync step 2 whose update is cut short', frame(0, 1, hostile.update.slice(0, hostile.update.length - 7))],
  ['a malformed state vector', frame(0, 0, new Uint8Array([0xff, 0xff, 0xff]))],
  ['a sync message with an unknown subtype', frame(0, 7, hostile.update)],
  ['an unknown message type', frame(9, hostile.update)],
  ['an auth message, which only servers send', frame(2, 0, new Uint8Array([1]))],
  ['an empty frame', new Uint8Array(0)],
  ['an awareness update that is not JSON', frame(1, awarenessEntry(12345, 1, '{"user": nej'))],
  ['an awareness update cut short', frame(1, frame(3, 12345))],
  ['a text frame', 'hej hej'],
]

describe('hostile frames', () => {
  it.each(garbage)('%s closes only that socket with 4400', async (_label, payload) => {
    await expectHonestClientsConverge()
    const raw = await memberSocket()

    raw.send(payload)
    expect((await raw.closed).code).toBe(4400)

    await expectHonestClientsConverge()
    await expectNothingAppliedFrom(hostile.clientId)
    expectHonestClientsStayedConnected()
    expect(harness.services.sync.stats().connections).toBe(2)
  })

  it('garbage sent right after the upgrade, before the greeting, is refused the same way', async () => {
    const raw = openRawSocket(syncSocketUrl(harness.syncUrl, boardId, await harness.mintToken({ boardId })))
    cleanup.add(() => raw.socket.terminate())
    await raw.opened
    raw.send(frame(0, 2, hostile.update.slice(0, 20)))
    expect((await raw.closed).code).toBe(4400)
    await expectHonestClientsConverge()
    await expectNothingAppliedFrom(hostile.clientId)
  })

  it('a valid update sent after garbage on the same socket is not applied', async () => {
    const raw = await memberSocket()
    raw.send(frame(9))
    raw.send(wholeUpdate)
    expect((await raw.closed).code).toBe(4400)
    await expectHonestClientsConverge()
    await expectNothingAppliedFrom(hostile.clientId)
  })
})

describe('message size limit', () => {
  it('a frame over the limit closes that socket with 1009 and nothing from it is applied', async () => {
    const big = hostileUpdate('x'.repeat(MAX_MESSAGE_BYTES * 2))
    const raw = await memberSocket()

    raw.send(encodeSyncUpdate(big.update))
    expect((await raw.closed).code).toBe(1009)

    await expectHonestClientsConverge()
    await expectNothingAppliedFrom(big.clientId)
    expectHonestClientsStayedConnected()
  })

  it('an update just under the limit is applied and forwarded', async () => {
    const [a, b] = honest
    const text = 'y'.repeat(MAX_MESSAGE_BYTES - 4096)
    addNote(a.doc, 'large', text)
    await eventually(() => expect(noteTexts(b.doc)).toContain(text))
    expectHonestClientsStayedConnected()
  })
})

describe('presence spoofing', () => {
  it('an awareness update claiming another connection’s client id is refused and changes nothing', async () => {
    const [alice, bob] = honest
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    const aliceId = alice.doc.clientID
    await eventually(() => expect(bob.provider.awareness.getStates().get(aliceId)).toEqual({ user: { name: 'Alice' } }))

    const raw = await memberSocket()
    const clock = alice.provider.awareness.meta.get(aliceId)!.clock
    raw.send(encodeAwarenessClaim([{ clientId: aliceId, clock: clock + 10, state: { user: { name: 'Mallory' } } }]))
    expect((await raw.closed).code).toBe(4400)

    // Alice's next change still arrives: her clock was not pushed past hers by the forgery.
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice igen' })
    await eventually(() => expect(bob.provider.awareness.getStates().get(aliceId)).toEqual({ user: { name: 'Alice igen' } }))
    const serverState = harness.services.sync.room(boardId)!.awareness.getStates().get(aliceId)
    expect(serverState).toEqual({ user: { name: 'Alice igen' } })
    expectHonestClientsStayedConnected()
  })

  it('an awareness update removing another connection’s presence is refused', async () => {
    const [alice, bob] = honest
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    const aliceId = alice.doc.clientID
    await eventually(() => expect(bob.provider.awareness.getStates().has(aliceId)).toBe(true))

    const raw = await memberSocket()
    const clock = alice.provider.awareness.meta.get(aliceId)!.clock
    raw.send(encodeAwarenessClaim([{ clientId: aliceId, clock: clock + 1, state: null }]))
    expect((await raw.closed).code).toBe(4400)

    await expectHonestClientsConverge()
    expect(bob.provider.awareness.getStates().get(aliceId)).toEqual({ user: { name: 'Alice' } })
  })
})
