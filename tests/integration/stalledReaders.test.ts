/**
 * Sockets that ask for a large board and never read: one invite-link holder opening dozens
 * of them (under two guest identities) must not grow the server's memory by a board per
 * socket, nor slow everyone else's edits. Measured at test size: a board of about 6 MB.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as encoding from 'lib0/encoding'
import { guestUserId } from '../../lib/auth/boardAccess'
import { hashInviteToken, newInviteToken } from '../../lib/auth/inviteToken'
import { putNotes } from '../../lib/board/noteRecord'
import { joinBoard } from '../helpers/boardClients'
import { addNote, buildNote, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { openRawSocket, syncSocketUrl, type RawSocket } from '../helpers/rawSocket'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const MiB = 1024 * 1024
const PER_INVITE = 12 * MiB
const cleanup = createCleanup()
let harness: SyncHarness
let boardId: string

beforeAll(async () => {
  harness = await startSyncHarness({
    SYNC_MAX_BUFFERED_BYTES: String(4 * MiB),
    SYNC_MAX_BUFFERED_BYTES_PER_PERSON: String(8 * MiB),
    SYNC_MAX_BUFFERED_BYTES_PER_INVITE: String(PER_INVITE),
    SYNC_MAX_CONNECTIONS_PER_INVITE: '30',
  })
  boardId = await harness.createBoard()
  const notes = Array.from({ length: 2600 }, (_, i) => buildNote({ key: `n${i}`, text: `${i} ${'y'.repeat(1800)}` }))
  await harness.services.context.sync.changeDoc(boardId, (doc) => putNotes(doc, notes))
}, 120_000)
afterAll(() => harness.close())
afterEach(() => cleanup.run())

/** Sync step 1 with an empty state vector: "send me the whole document". */
function askForEverything(): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]))
  return encoding.toUint8Array(encoder)
}

async function openStalled(userId: string, name: string): Promise<RawSocket> {
  const token = await harness.mintToken({ boardId, userId, name, role: 'participant' })
  const raw = openRawSocket(syncSocketUrl(harness.syncUrl, boardId, token))
  cleanup.add(() => raw.socket.terminate())
  await Promise.race([raw.opened, raw.closed])
  raw.socket.pause()
  if (raw.socket.readyState === raw.socket.OPEN) raw.send(askForEverything())
  return raw
}

/** Milliseconds from one client's edit to another client seeing it. */
async function roundTripMs(writer: Awaited<ReturnType<typeof joinBoard>>, reader: Awaited<ReturnType<typeof joinBoard>>, label: string) {
  const started = performance.now()
  addNote(writer.doc, `rt-${label}`, `Mätning ${label}`)
  await eventually(() => expect(noteTexts(reader.doc)).toContain(`Mätning ${label}`), 60_000, 2)
  return performance.now() - started
}

// A 6 MB board on a shared two-core machine: generous time, and latency judged loosely (the
// numbers are printed; the bound catches a server that stalls for seconds).
describe('sockets that stop reading', { timeout: 120_000 }, () => {
  it('forty stalled sockets of one invite link: their queues bounded, memory and edits unharmed', async () => {
    const [writer, reader] = [await joinBoard(harness, cleanup, { boardId }), await joinBoard(harness, cleanup, { boardId })]
    const before = await roundTripMs(writer, reader, 'before')
    const invite = await harness.services.store.invites.create({
      boardId,
      role: 'participant',
      label: 'Filial',
      createdBy: harness.userId,
      expiresAt: Date.now() + 60_000,
      tokenHash: hashInviteToken(newInviteToken()),
    })
    const guests = [
      await harness.services.store.guests.create({ boardId, inviteId: invite.id, name: 'Gäst A' }),
      await harness.services.store.guests.create({ boardId, inviteId: invite.id, name: 'Gäst B' }),
    ]
    global.gc?.()
    const rssBefore = process.memoryUsage().rss
    const sockets: RawSocket[] = []
    for (let i = 0; i < 40; i++) {
      const guest = guests[i % 2]
      sockets.push(await openStalled(guestUserId(guest.id), guest.name))
    }
    const room = harness.services.sync.room(boardId)!
    const ofInvite = () => [...room.connections.values()].filter((c) => c.principal.inviteId === invite.id)
    // Let the server queue all it will.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const queued = ofInvite().reduce((n, c) => n + c.socket.bufferedAmount, 0)
    const rssGrowth = process.memoryUsage().rss - rssBefore
    const during = await roundTripMs(writer, reader, 'during')
    console.info(
      `stalled readers: ${(queued / MiB).toFixed(1)} MiB queued, ` +
        `RSS +${(rssGrowth / MiB).toFixed(0)} MiB, edit round trip ${before.toFixed(0)} → ${during.toFixed(0)} ms`,
    )
    // The link's queues stay within its budget plus one whole document.
    expect(queued).toBeLessThanOrEqual(PER_INVITE + 7 * MiB)
    // Without the budget, 40 sockets × a 6 MB board queue some 240 MB.
    expect(rssGrowth).toBeLessThan(90 * MiB)
    expect(during).toBeLessThan(Math.max(1000, before * 10))
    expect(writer.closeCodes).toEqual([])
  })

  it('one invite link opens at most its share of a room’s sockets', async () => {
    const invite = await harness.services.store.invites.create({
      boardId,
      role: 'observer',
      label: 'Länk',
      createdBy: harness.userId,
      expiresAt: Date.now() + 60_000,
      tokenHash: hashInviteToken(newInviteToken()),
    })
    const guests = [
      await harness.services.store.guests.create({ boardId, inviteId: invite.id, name: 'Gäst C' }),
      await harness.services.store.guests.create({ boardId, inviteId: invite.id, name: 'Gäst D' }),
    ]
    const sockets: RawSocket[] = []
    for (let i = 0; i < 40; i++) {
      const guest = guests[i % 2]
      const token = await harness.mintToken({ boardId, userId: guestUserId(guest.id), name: guest.name, role: 'observer' })
      const raw = openRawSocket(syncSocketUrl(harness.syncUrl, boardId, token))
      cleanup.add(() => raw.socket.terminate())
      sockets.push(raw)
      await raw.opened
    }
    const closed = await Promise.all(sockets.slice(30).map((raw) => raw.closed))
    expect(closed.map((c) => c.code)).toEqual(Array(10).fill(4429))
    const room = harness.services.sync.room(boardId)!
    expect([...room.connections.values()].filter((c) => c.principal.inviteId === invite.id)).toHaveLength(30)
  })

  it('a socket asking for the whole document over and over is closed', async () => {
    const small = await harness.createBoard()
    const token = await harness.mintToken({ boardId: small, role: 'participant' })
    const raw = openRawSocket(syncSocketUrl(harness.syncUrl, small, token))
    cleanup.add(() => raw.socket.terminate())
    await raw.opened
    for (let i = 0; i < 10; i++) raw.send(askForEverything())
    expect((await raw.closed).code).toBe(4429)
  })

  it('twenty observers asking for the whole board at once do not slow an edit much', async () => {
    const [writer, reader] = [await joinBoard(harness, cleanup, { boardId }), await joinBoard(harness, cleanup, { boardId })]
    const before = await roundTripMs(writer, reader, 'obs-before')
    const observers: RawSocket[] = []
    for (let i = 0; i < 20; i++) {
      const token = await harness.mintToken({ boardId, role: 'observer' })
      const raw = openRawSocket(syncSocketUrl(harness.syncUrl, boardId, token))
      cleanup.add(() => raw.socket.terminate())
      observers.push(raw)
    }
    await Promise.all(observers.map((raw) => raw.opened))
    for (const raw of observers) raw.send(askForEverything())
    const during = await roundTripMs(writer, reader, 'obs-during')
    console.info(`twenty observers: edit round trip ${before.toFixed(0)} → ${during.toFixed(0)} ms`)
    expect(during).toBeLessThan(Math.max(1000, before * 10))
  })
})
