/**
 * Each limit closes only the socket that passed it, with its own code, and leaves the board and
 * everyone else on it as they were: message and byte rates, document size, room size, presence
 * ids, presence rate, stalled readers, and updates that build on changes the server lacks.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createRoomTokens } from '../../lib/auth/roomToken'
import type { Logger } from '../../server/logger'
import { createServices } from '../../server/services'
import { startServer } from '../../server/startServer'
import { joinBoard, type BoardClient } from '../helpers/boardClients'
import { addNote, hasChangesFrom, loadStoredDoc, notesOf, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import {
  encodeAwarenessClaim,
  encodeSyncUpdate,
  messageTypes,
  openRawSocket,
  roundTrip,
  syncSocketUrl,
  type RawSocket,
} from '../helpers/rawSocket'
import { TEST_SECRET, eventually, startSyncHarness, testEnv, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
afterEach(() => cleanup.run())

async function startHarness(overrides: Record<string, string>): Promise<SyncHarness> {
  const harness = await startSyncHarness(overrides)
  cleanup.add(() => harness.close())
  return harness
}

/** A participant's raw socket in the room, greeted with sync step 1. */
async function rawMember(harness: SyncHarness): Promise<RawSocket> {
  const token = await harness.mintToken({ role: 'participant' })
  const raw = openRawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, token))
  cleanup.add(() => raw.socket.terminate())
  await raw.opened
  await eventually(() => expect(messageTypes(raw.messages)).toContain(0))
  return raw
}

/** Two honest clients that each write a note and see the other's. */
async function expectHonestClientsConverge(clients: BoardClient[], label: string) {
  const [a, b] = clients
  addNote(a.doc, `a-${label}`, `A ${label}`)
  addNote(b.doc, `b-${label}`, `B ${label}`)
  await eventually(() => {
    expect(noteTexts(a.doc)).toContain(`B ${label}`)
    expect(noteTexts(b.doc)).toContain(`A ${label}`)
  })
  for (const client of clients) expect(client.closeCodes).toEqual([])
}

/** An update from a doc of its own adding one note with `text`. */
function foreignNote(text: string): { clientId: number; update: Uint8Array } {
  const doc = new Y.Doc()
  addNote(doc, `foreign-${doc.clientID}`, text)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return { clientId: doc.clientID, update }
}

/** An awareness message with no entries: valid, small, and changes nothing. */
const emptyAwareness = () => encodeAwarenessClaim([])

describe('per-socket rates', () => {
  it('a socket sending more messages a second than allowed is closed with 4429, and only it', async () => {
    const harness = await startHarness({ SYNC_MAX_MESSAGES_PER_SECOND: '50' })
    const honest = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    const raw = await rawMember(harness)
    for (let i = 0; i < 500; i++) raw.send(emptyAwareness())
    expect(await raw.closed).toEqual({ code: 4429, reason: 'message rate' })
    await expectHonestClientsConverge(honest, 'after flood')
  })

  it('a socket sending more bytes a second than allowed is closed with 4429', async () => {
    const harness = await startHarness({ SYNC_MAX_BYTES_PER_SECOND: String(64 * 1024), SYNC_MAX_MESSAGE_BYTES: String(64 * 1024) })
    const honest = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    const raw = await rawMember(harness)
    // Valid presence of its own, only large: two seconds' worth passes, then no more.
    const padding = 'x'.repeat(40 * 1024)
    for (let clock = 1; clock <= 8; clock++) raw.send(encodeAwarenessClaim([{ clientId: 4242, clock, state: { padding } }]))
    expect(await raw.closed).toEqual({ code: 4429, reason: 'byte rate' })
    await expectHonestClientsConverge(honest, 'after bytes')
  })

  it('a client keeping to the default rates while it writes and moves is never closed', async () => {
    const harness = await startHarness({})
    const honest = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    const [writer, reader] = honest
    // Sixty edits and cursor moves a second for two seconds: a fast drag with a cursor.
    for (let tick = 0; tick < 120; tick++) {
      addNote(writer.doc, 'dragged', `Drag ${tick}`, { x: tick })
      writer.provider.awareness.setLocalStateField('cursor', { x: tick, y: tick })
      await new Promise((resolve) => setTimeout(resolve, 1000 / 60))
    }
    await eventually(() => expect(noteTexts(reader.doc)).toContain('Drag 119'))
    await expectHonestClientsConverge(honest, 'after drag')
  })
})

describe('document size', () => {
  const MAX_DOC_BYTES = 256 * 1024

  it('an update that would grow the document beyond its limit is refused with 4413 and not applied', async () => {
    const harness = await startHarness({ SYNC_MAX_DOC_BYTES: String(MAX_DOC_BYTES) })
    const honest = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    const raw = await rawMember(harness)
    const big = foreignNote('ö'.repeat(MAX_DOC_BYTES / 2))

    raw.send(encodeSyncUpdate(big.update))
    expect(await raw.closed).toEqual({ code: 4413, reason: 'document too large' })

    const room = harness.services.sync.room(harness.boardId)!
    expect(hasChangesFrom(room.doc, big.clientId)).toBe(false)
    expect(hasChangesFrom(await loadStoredDoc(harness.services.store.docs, harness.boardId), big.clientId)).toBe(false)
    await expectHonestClientsConverge(honest, 'after the big note')
  })

  it('notes are taken until the document is full, then the next one is refused', async () => {
    const harness = await startHarness({ SYNC_MAX_DOC_BYTES: String(MAX_DOC_BYTES) })
    const [writer, reader] = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    const room = harness.services.sync.room(harness.boardId)!
    let written = 0
    while (Y.encodeStateAsUpdate(room.doc).byteLength + 40 * 1024 < MAX_DOC_BYTES) {
      addNote(writer.doc, `n${written}`, `${written} ${'å'.repeat(10 * 1024)}`)
      written++
      await eventually(() => expect(noteTexts(reader.doc)).toHaveLength(written))
    }
    expect(written).toBeGreaterThan(3)
    expect(writer.closeCodes).toEqual([])

    addNote(writer.doc, 'one-too-many', 'x'.repeat(64 * 1024))
    await eventually(() => expect(writer.closeCodes).toContain(4413))
    expect(noteTexts(reader.doc)).toHaveLength(written)
    expect(reader.closeCodes).toEqual([])
  })
})

describe('room size', () => {
  it('a room admits its limit of sockets, refuses the next with 4429, and admits again when one leaves', async () => {
    const harness = await startHarness({ SYNC_MAX_CONNECTIONS_PER_ROOM: '3' })
    const inside = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup), await rawMember(harness)]
    const token = await harness.mintToken()
    const refused = openRawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, token))
    cleanup.add(() => refused.socket.terminate())
    expect(await refused.closed).toEqual({ code: 4429, reason: 'room full' })
    expect(harness.services.sync.stats().connections).toBe(3)

    ;(inside[2] as RawSocket).socket.close()
    await eventually(() => expect(harness.services.sync.stats().connections).toBe(2))
    const admitted = await joinBoard(harness, cleanup)
    addNote(admitted.doc, 'in', 'Äntligen inne')
    await eventually(() => expect(noteTexts((inside[0] as BoardClient).doc)).toContain('Äntligen inne'))
  })
})

describe('sockets per person', () => {
  it('one person may hold only their share of a room; others are still let in', async () => {
    const harness = await startHarness({ SYNC_MAX_CONNECTIONS_PER_PERSON: '2' })
    await joinBoard(harness, cleanup)
    await joinBoard(harness, cleanup)
    expect(harness.services.sync.stats().connections).toBe(2)
    const third = openRawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, await harness.mintToken()))
    cleanup.add(() => third.socket.terminate())
    expect(await third.closed).toEqual({ code: 4429, reason: 'too many connections' })

    const someoneElse = await harness.services.store.users.create({ email: 'bo@example.org', name: 'Bo', passwordHash: null })
    await harness.services.store.boards.setRole(harness.boardId, someoneElse.id, 'participant')
    const theirs = openRawSocket(
      syncSocketUrl(harness.syncUrl, harness.boardId, await harness.mintToken({ role: 'participant', userId: someoneElse.id, name: 'Bo' })),
    )
    cleanup.add(() => theirs.socket.terminate())
    await theirs.opened
    await eventually(() => expect(messageTypes(theirs.messages)).toContain(0))
    expect(harness.services.sync.stats().connections).toBe(3)
  })
})

describe('presence', () => {
  it('a socket speaking for more presence ids than allowed is closed with 1008', async () => {
    const harness = await startHarness({})
    const honest = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    const raw = await rawMember(harness)
    const claims = Array.from({ length: 9 }, (_, i) => ({ clientId: 9000 + i, clock: 1, state: { name: `Spöke ${i}` } }))
    raw.send(encodeAwarenessClaim(claims))
    expect(await raw.closed).toEqual({ code: 1008, reason: 'too many presence ids' })
    for (const client of honest) {
      expect([...client.provider.awareness.getStates().keys()].filter((id) => id >= 9000 && id < 9009)).toEqual([])
    }
    await expectHonestClientsConverge(honest, 'after ghosts')
  })

  it('presence faster than the limit is relayed at the limit, ends on the latest state, and closes nobody', async () => {
    const harness = await startHarness({ SYNC_MAX_AWARENESS_PER_SECOND: '5' })
    const [mover, watcher] = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    const moverId = mover.doc.clientID
    let seen = 0
    watcher.provider.awareness.on('change', ({ updated, added }: { updated: number[]; added: number[] }) => {
      if ([...updated, ...added].includes(moverId)) seen++
    })
    const started = Date.now()
    for (let step = 1; step <= 100; step++) {
      mover.provider.awareness.setLocalStateField('cursor', { x: step })
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    await eventually(() => expect(watcher.provider.awareness.getStates().get(moverId)).toMatchObject({ cursor: { x: 100 } }))
    const seconds = (Date.now() - started) / 1000
    expect(seen).toBeLessThanOrEqual(Math.ceil(5 * seconds) + 5 + 1)
    expect(seen).toBeGreaterThan(1)
    expect(mover.closeCodes).toEqual([])
    expect(watcher.closeCodes).toEqual([])
  })
})

describe('a stalled reader', () => {
  it('a socket that stops reading is closed with 1013 once its backlog passes the limit; the writer goes on', async () => {
    const harness = await startHarness({
      SYNC_MAX_BUFFERED_BYTES: String(256 * 1024),
      SYNC_MAX_BYTES_PER_SECOND: String(64 * 1024 * 1024),
      SYNC_MAX_MESSAGES_PER_SECOND: '10000',
    })
    const [writer, reader] = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    const stalled = await rawMember(harness)
    await roundTrip(stalled)
    stalled.socket.pause()
    const room = harness.services.sync.room(harness.boardId)!
    const stalledOnServer = [...room.connections.values()].find((connection) => connection.principal.role === 'participant')!
    let peakBuffered = 0
    const sampler = setInterval(() => {
      peakBuffered = Math.max(peakBuffered, stalledOnServer.socket.bufferedAmount)
    }, 1)
    cleanup.add(() => clearInterval(sampler))
    const text = 'ä'.repeat(16 * 1024)

    for (let n = 0; n < 1000 && room.connections.has(stalledOnServer.socket); n++) {
      addNote(writer.doc, 'moving', `${n} ${text}`)
      // Kept in step with the server, so the loop stops soon after the stalled socket is closed.
      if (n % 10 === 9) await eventually(() => expect(notesOf(reader.doc)[0]?.text.startsWith(`${n} `)).toBe(true), 15_000)
    }
    await eventually(() => expect(room.connections.has(stalledOnServer.socket)).toBe(false), 15_000)
    clearInterval(sampler)
    // The server let it queue up to the limit and about one message more, not the whole stream.
    expect(peakBuffered).toBeGreaterThan(0)
    expect(peakBuffered).toBeLessThan(256 * 1024 + 2 * 64 * 1024)

    stalled.socket.resume()
    expect((await stalled.closed).code).toBe(1013)
    await expectHonestClientsConverge([writer, reader], 'after the stall')
  })
})

describe('updates that build on unknown changes', () => {
  /** Two updates of one client: the second builds on the first. */
  function chainedUpdates() {
    const doc = new Y.Doc()
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    addNote(doc, 'first', 'Första')
    addNote(doc, 'second', 'Andra')
    return { clientId: doc.clientID, first: updates[0], second: updates[1], doc }
  }

  it('an update whose earlier part is missing is refused with 4400 and leaves nothing pending', async () => {
    const harness = await startHarness({})
    const honest = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    const raw = await rawMember(harness)
    const { clientId, second } = chainedUpdates()

    raw.send(encodeSyncUpdate(second))
    expect(await raw.closed).toEqual({ code: 4400, reason: 'update depends on changes the server lacks' })

    const room = harness.services.sync.room(harness.boardId)!
    expect(room.doc.store.pendingStructs).toBeNull()
    expect(room.doc.store.pendingDs).toBeNull()
    expect(hasChangesFrom(room.doc, clientId)).toBe(false)
    await expectHonestClientsConverge(honest, 'after the gap')
  })

  it('a deletion of changes the server never had is refused the same way', async () => {
    const harness = await startHarness({})
    const honest = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    const raw = await rawMember(harness)
    const { doc } = chainedUpdates()
    const deletions: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => deletions.push(update))
    doc.getArray('tldraw').delete(0, 1)

    raw.send(encodeSyncUpdate(deletions[0]))
    expect(await raw.closed).toEqual({ code: 4400, reason: 'update depends on changes the server lacks' })
    const room = harness.services.sync.room(harness.boardId)!
    expect(room.doc.store.pendingDs).toBeNull()
    await expectHonestClientsConverge(honest, 'after the deletion')
  })

  it('the same two updates in order are applied like any other', async () => {
    const harness = await startHarness({})
    const [reader] = [await joinBoard(harness, cleanup)]
    const raw = await rawMember(harness)
    const { first, second } = chainedUpdates()
    raw.send(encodeSyncUpdate(first))
    raw.send(encodeSyncUpdate(second))
    await eventually(() => expect(noteTexts(reader.doc)).toEqual(['Andra', 'Första']))
    await roundTrip(raw)
  })
})

describe('log lines', () => {
  it('every socket closed for breaking a limit leaves one warning naming the room, the user, the code and the reason', async () => {
    const lines: { level: string; obj: Record<string, unknown>; msg?: string }[] = []
    const record = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj: obj as Record<string, unknown>, msg })
    const logger: Logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') }
    const env = testEnv({ SYNC_MAX_MESSAGES_PER_SECOND: '20', SYNC_MAX_CONNECTIONS_PER_ROOM: '1' })
    const services = await createServices(env, logger)
    const server = await startServer({ env, logger, services, web: false })
    cleanup.add(() => server.close())
    const user = await services.store.users.create({ email: 'anna@example.org', name: 'Anna', passwordHash: null })
    const board = await services.store.boards.create({
      name: 'Tavla',
      locale: 'sv',
      createdBy: user.id,
      initialState: new Uint8Array([0, 0]),
    })
    const tokens = createRoomTokens({ secret: TEST_SECRET, ttlSeconds: 60 })
    const token = (await tokens.mint({ userId: user.id, name: 'Anna', boardId: board.id, role: 'facilitator' })).token
    const url = syncSocketUrl(`ws://localhost:${server.port}/sync`, board.id, token)

    const flooding = openRawSocket(url)
    cleanup.add(() => flooding.socket.terminate())
    await flooding.opened
    await eventually(() => expect(messageTypes(flooding.messages)).toContain(0))
    const turnedAway = openRawSocket(url)
    cleanup.add(() => turnedAway.socket.terminate())
    expect(await turnedAway.closed).toEqual({ code: 4429, reason: 'room full' })
    for (let i = 0; i < 200; i++) flooding.send(emptyAwareness())
    expect((await flooding.closed).code).toBe(4429)

    const warnings = lines.filter((line) => line.level === 'warn' && typeof line.obj.code === 'number')
    expect(warnings.map(({ obj, msg }) => ({ msg, room: obj.room, user: obj.user, code: obj.code, reason: obj.reason }))).toEqual([
      { msg: 'sync refused', room: board.id, user: user.id, code: 4429, reason: 'room full' },
      { msg: 'closing socket', room: board.id, user: user.id, code: 4429, reason: 'message rate' },
    ])
  })
})
