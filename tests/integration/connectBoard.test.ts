/**
 * connectBoard against the real sync server: the connection states a board screen shows, room
 * tokens renewed before they expire and fetched anew when the server refuses one, and nothing
 * left running after destroy(). Only `fetchTicket` (the documented seam) is ours, and the
 * pauses: each test scales connectBoard's timing down (`timing`) instead of waiting out the
 * production backoff, and short-lived tokens are minted directly instead of waiting out a TTL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WS from 'ws'
import * as Y from 'yjs'
import { createBoardDoc } from '../../lib/board/createBoardDoc'
import { openRecordStore, readRecords } from '../../lib/board/docLayout'
import { makeNoteShape } from '../../lib/board/testing/makeNoteShape'
import { createRoomTokens } from '../../lib/auth/roomToken'
import {
  CONNECT_TIMING,
  TicketError,
  connectBoard,
  type ConnectBoardOptions,
  type ConnectTiming,
  type ConnectionState,
  type RoomTicket,
} from '../../lib/sync/connectBoard'
import { createCleanup } from '../helpers/cleanup'
import { TEST_SECRET, connectClient, eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

/** The shortest room token lifetime the server accepts (lib/env.ts). */
const TTL_SECONDS = 10

const cleanup = createCleanup()
let harness: SyncHarness

beforeAll(async () => {
  harness = await startSyncHarness({ ROOM_TOKEN_TTL_SECONDS: String(TTL_SECONDS) })
})
afterAll(() => harness.close())
afterEach(() => cleanup.run())

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** connectBoard's pauses a tenth of the production ones, unless a test says otherwise. */
const FAST: ConnectTiming = Object.fromEntries(Object.entries(CONNECT_TIMING).map(([k, ms]) => [k, ms / 10])) as ConnectTiming

/** A real room token for the harness's facilitator that expires within 2 s (1–2 s: whole seconds). */
async function shortLivedTicket(boardId: string): Promise<RoomTicket> {
  const tokens = createRoomTokens({ secret: TEST_SECRET, ttlSeconds: 2 })
  const { token, expiresAt } = await tokens.mint({ userId: harness.userId, name: 'Test Facilitator', boardId, role: 'facilitator' })
  return { token, url: harness.syncUrl, expiresAt }
}

interface TicketDesk {
  /** Tickets handed out so far, with the time each was asked for. */
  issued: (RoomTicket & { askedAt: number })[]
  /** Requests made so far, failed ones included. */
  asked: number
  fetchTicket(): Promise<RoomTicket>
}

/** Mints real room tokens through the harness; `answers` may replace the nth answer (from 0). */
function ticketDesk(boardId: string, answers: Record<number, () => Promise<RoomTicket>> = {}): TicketDesk {
  const desk: TicketDesk = {
    issued: [],
    asked: 0,
    async fetchTicket() {
      const askedAt = Date.now()
      const answer = answers[desk.asked++]
      const ticket = answer
        ? await answer()
        : { token: await harness.mintToken({ boardId }), url: harness.syncUrl, expiresAt: askedAt + TTL_SECONDS * 1000 }
      desk.issued.push({ ...ticket, askedAt })
      return ticket
    },
  }
  return desk
}

function open(boardId: string, fetchTicket: ConnectBoardOptions['fetchTicket'], timing: Partial<ConnectTiming> = FAST) {
  const doc = new Y.Doc()
  const connection = connectBoard({ boardId, doc, fetchTicket, timing, WebSocketPolyfill: WS as unknown as typeof WebSocket })
  const states: ConnectionState[] = [connection.getState()]
  connection.onState((state) => states.push(state))
  cleanup.add(() => {
    connection.destroy()
    doc.destroy()
  })
  return { doc, connection, states }
}

function putNote(doc: Y.Doc, id: string) {
  const note = makeNoteShape({ id, x: 0, y: 0 })
  openRecordStore(doc).set(note.id, note)
}

const connectionsTo = (boardId: string) => harness.services.sync.room(boardId)?.connections.size ?? 0
const templateIds = () => [...readRecords(createBoardDoc({ name: 'T', locale: 'sv', includeStarterNotes: false })).keys()].sort()

describe('connecting', () => {
  it('goes from connecting to connected, and the doc syncs both ways', async () => {
    const boardId = await harness.createBoard()
    const { doc, connection, states } = open(boardId, ticketDesk(boardId).fetchTicket)
    await eventually(() => expect(connection.getState()).toBe('connected'))
    expect(states).toEqual(['connecting', 'connected'])
    expect([...readRecords(doc).keys()].sort()).toEqual(templateIds())

    const other = connectClient(harness.syncUrl, boardId, await harness.mintToken({ boardId }))
    cleanup.add(() => other.destroy())
    await other.synced
    putNote(doc, 'mine')
    putNote(other.doc, 'theirs')
    await eventually(() => {
      expect(readRecords(other.doc).has('shape:mine')).toBe(true)
      expect(readRecords(doc).has('shape:theirs')).toBe(true)
    })
  })

  it('retries a ticket request that failed for a passing reason, and then connects', async () => {
    const boardId = await harness.createBoard()
    const desk = ticketDesk(boardId, { 0: () => Promise.reject(new TicketError(503)) })
    const { connection, states } = open(boardId, desk.fetchTicket)
    await eventually(() => expect(connection.getState()).toBe('connected'), 5000)
    expect(states).toEqual(['connecting', 'reconnecting', 'connected'])
  })

  it('retryNow() ends a long backoff pause at once, as when the device comes back online', async () => {
    const boardId = await harness.createBoard()
    // The first pause after a failure is 4 s ±50 % here, as long as the production backoff's
    // third (1 s, 2 s, 4 s …).
    const desk = ticketDesk(boardId, { 0: () => Promise.reject(new TicketError(503)) })
    const { connection } = open(boardId, desk.fetchTicket, { ...FAST, ticketRetryMs: 4000 })
    await eventually(() => expect(desk.asked).toBe(1))
    // The failure started a pause of at least 2 s; without retryNow() nothing is asked.
    await sleep(300)
    expect(desk.asked).toBe(1)
    const woken = Date.now()
    connection.retryNow()
    await eventually(() => expect(connection.getState()).toBe('connected'), 5000)
    expect(Date.now() - woken).toBeLessThan(1500)
    expect(desk.asked).toBe(2)
  })

  it('goneOffline() drops the socket and shows offline at once; retryNow() brings it back', async () => {
    const boardId = await harness.createBoard()
    let online = true
    const doc = new Y.Doc()
    const connection = connectBoard({
      boardId,
      doc,
      fetchTicket: ticketDesk(boardId).fetchTicket,
      isOnline: () => online,
      timing: FAST,
      WebSocketPolyfill: WS as unknown as typeof WebSocket,
    })
    cleanup.add(() => {
      connection.destroy()
      doc.destroy()
    })
    await eventually(() => expect(connection.getState()).toBe('connected'), 5000)
    expect(connectionsTo(boardId)).toBe(1)

    // Said while online, it changes nothing.
    connection.goneOffline()
    expect(connection.getState()).toBe('connected')

    online = false
    connection.goneOffline()
    expect(connection.getState()).toBe('offline')
    await eventually(() => expect(connectionsTo(boardId)).toBe(0), 5000)
    // No attempts while the device says it is offline (through two of its slow checks).
    await sleep(2.5 * FAST.offlineCheckMs)
    expect(connectionsTo(boardId)).toBe(0)
    expect(connection.getState()).toBe('offline')

    online = true
    connection.retryNow()
    await eventually(() => expect(connection.getState()).toBe('connected'), 5000)
    expect(connectionsTo(boardId)).toBe(1)

    // Back online without an event to say so: a slow check notices.
    online = false
    connection.goneOffline()
    await eventually(() => expect(connectionsTo(boardId)).toBe(0), 5000)
    online = true
    await eventually(() => expect(connection.getState()).toBe('connected'), 2 * FAST.offlineCheckMs + 5000)
  })

  it.each([
    [401, 'signed-out'],
    [403, 'forbidden'],
    [404, 'not-found'],
  ] as const)('a ticket refused with HTTP %i ends in %s, without retrying or opening a socket', async (status, end) => {
    const boardId = await harness.createBoard()
    let asked = 0
    const { connection, states } = open(boardId, async () => {
      asked++
      throw new TicketError(status)
    })
    await expect(connection.ready).rejects.toThrow(end)
    expect(states).toEqual(['connecting', end])
    expect(asked).toBe(1)
    expect(connection.provider).toBeNull()
    expect(connectionsTo(boardId)).toBe(0)
  })
})

describe('room tokens', () => {
  it('after a 4401 (a token the server refuses) a fresh ticket is fetched and the connection made', async () => {
    const boardId = await harness.createBoard()
    const desk = ticketDesk(boardId, {
      0: async () => ({ token: 'not.a.token', url: harness.syncUrl, expiresAt: Date.now() + 60_000 }),
    })
    const { doc, connection, states } = open(boardId, desk.fetchTicket)
    await eventually(() => expect(connection.getState()).toBe('connected'))
    expect(desk.issued).toHaveLength(2)
    expect(connection.provider?.params).toEqual({ token: desk.issued[1]!.token })
    expect([...readRecords(doc).keys()].sort()).toEqual(templateIds())
    // The refused socket never counted as connected.
    expect(states.indexOf('connected')).toBe(states.length - 1)
  })

  it('a token the server keeps refusing is asked for again with growing pauses, and never shows as connected', async () => {
    const boardId = await harness.createBoard()
    let asked = 0
    const { states } = open(boardId, async () => {
      asked++
      return { token: 'not.a.token', url: harness.syncUrl, expiresAt: Date.now() + 60_000 }
    })
    await sleep(300)
    // Pauses of at least 12.5, 25, 50 and 100 ms (half of 25 ms doubling) fit 5 tickets into 300 ms.
    expect(asked).toBeGreaterThanOrEqual(2)
    expect(asked).toBeLessThanOrEqual(5)
    expect(states).not.toContain('connected')
  })

  it('renews the token before it expires, so a reconnect after expiry is let in without a refusal', async () => {
    const boardId = await harness.createBoard()
    // The first token lives 1–2 s; it is renewed at half-life, with a token for the full TTL.
    const desk = ticketDesk(boardId, { 0: () => shortLivedTicket(boardId) })
    const { doc, connection } = open(boardId, desk.fetchTicket)
    const closes: number[] = []
    const provider = await connection.ready
    provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    await eventually(() => expect(connection.getState()).toBe('connected'))

    const first = desk.issued[0]!
    await eventually(() => expect(desk.issued.length).toBeGreaterThanOrEqual(2), 3000)
    expect(desk.issued[1]!.askedAt).toBeLessThan(first.expiresAt)

    // Past the first token's expiry, the server restarts the connection.
    await sleep(Math.max(0, first.expiresAt + 1000 - Date.now()))
    expect(harness.services.sync.disconnect((p) => p.boardId === boardId, 1012, 'restarting')).toBe(1)
    await eventually(() => expect(closes).toContain(1012))
    await eventually(() => expect(connection.getState()).toBe('connected'))
    expect(closes).not.toContain(4401)
    expect(provider.params).toEqual({ token: desk.issued.at(-1)!.token })

    // The reconnected doc still syncs.
    const other = connectClient(harness.syncUrl, boardId, await harness.mintToken({ boardId }))
    cleanup.add(() => other.destroy())
    await other.synced
    putNote(other.doc, 'late')
    await eventually(() => expect(readRecords(doc).has('shape:late')).toBe(true))
  })
})

describe('destroy', () => {
  it('closes the socket and stops renewing the token', async () => {
    const boardId = await harness.createBoard()
    // A ticket said to expire in 1 s would be renewed after 500 ms.
    const desk = ticketDesk(boardId, {
      0: async () => ({ token: await harness.mintToken({ boardId }), url: harness.syncUrl, expiresAt: Date.now() + 1000 }),
    })
    const { connection } = open(boardId, desk.fetchTicket)
    await eventually(() => expect(connection.getState()).toBe('connected'))
    expect(connectionsTo(boardId)).toBe(1)

    connection.destroy()
    await eventually(() => expect(connectionsTo(boardId)).toBe(0))
    await sleep(800)
    expect(desk.issued).toHaveLength(1)
    expect(connection.provider?.wsconnected).toBe(false)
  })

  it('destroyed while the first ticket is on its way, it never opens a socket', async () => {
    const boardId = await harness.createBoard()
    let answer!: (ticket: RoomTicket) => void
    const { connection } = open(boardId, () => new Promise<RoomTicket>((resolve) => (answer = resolve)))
    await eventually(() => expect(answer).toBeTypeOf('function'))

    connection.destroy()
    answer({ token: await harness.mintToken({ boardId }), url: harness.syncUrl, expiresAt: Date.now() + 60_000 })
    await expect(connection.ready).rejects.toThrow()
    await sleep(500)
    expect(connection.provider).toBeNull()
    expect(connectionsTo(boardId)).toBe(0)
  })

  it('destroyed while a renewal is on its way, it drops the late ticket and asks for no other', async () => {
    const boardId = await harness.createBoard()
    let answerRenewal: ((ticket: RoomTicket) => void) | null = null
    const shortTicket = async () => ({ token: await harness.mintToken({ boardId }), url: harness.syncUrl, expiresAt: Date.now() + 400 })
    const desk = ticketDesk(boardId, {
      0: shortTicket,
      1: () => new Promise<RoomTicket>((resolve) => (answerRenewal = resolve)),
    })
    const { connection } = open(boardId, desk.fetchTicket)
    await eventually(() => expect(answerRenewal).not.toBeNull(), 3000)

    connection.destroy()
    const late = await shortTicket()
    answerRenewal!(late)
    await sleep(600)
    expect(connection.provider?.params).toEqual({ token: desk.issued[0]!.token })
    expect(desk.asked).toBe(2)
  })
})
