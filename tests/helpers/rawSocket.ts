/**
 * A bare `ws` socket to the sync endpoint, for what the stock provider would never do: send
 * hostile frames, set a foreign Origin, and record exactly what the server sent back.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import WS from 'ws'
import type * as Y from 'yjs'

export interface RawSocket {
  socket: WS
  /** Every frame the server sent, in order. */
  messages: Uint8Array[]
  /** Resolves when the upgrade succeeded. */
  opened: Promise<void>
  /** Resolves with the close code and reason once the socket is closed, whatever the cause. */
  closed: Promise<{ code: number; reason: string }>
  /** Resolves with the HTTP status when the server answered the upgrade with something else. */
  refusedWithStatus: Promise<number>
  errors: Error[]
  send(data: Uint8Array | string): void
}

export function syncSocketUrl(syncUrl: string, boardId: string, token?: string): string {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`
  return `${syncUrl}/${encodeURIComponent(boardId)}${query}`
}

export function openRawSocket(url: string, options: { origin?: string } = {}): RawSocket {
  const socket = new WS(url, { headers: options.origin ? { origin: options.origin } : {}, perMessageDeflate: false })
  const messages: Uint8Array[] = []
  const errors: Error[] = []
  socket.binaryType = 'nodebuffer'
  socket.on('message', (data: Buffer) => messages.push(new Uint8Array(data)))
  socket.on('error', (error) => errors.push(error))
  const opened = new Promise<void>((resolve) => socket.once('open', () => resolve()))
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  const refusedWithStatus = new Promise<number>((resolve) =>
    socket.once('unexpected-response', (request, response) => {
      resolve(response.statusCode ?? 0)
      request.destroy()
    }),
  )
  return {
    socket,
    messages,
    opened,
    closed,
    refusedWithStatus,
    errors,
    send(data) {
      socket.send(data, { binary: typeof data !== 'string' })
    },
  }
}

/** The y-websocket message type (0 sync, 1 awareness, 3 query awareness) of each frame. */
export function messageTypes(messages: readonly Uint8Array[]): number[] {
  return messages.map((message) => decoding.readVarUint(decoding.createDecoder(message)))
}

/** A sync message carrying a document update, as the provider sends one. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** Sync step 1: "here is my state vector, send me what I lack". */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

/** An awareness message written by hand, so it can claim any client id. */
export function encodeAwarenessClaim(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(update, clientId)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, JSON.stringify(state))
  }
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1)
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update))
  return encoding.toUint8Array(encoder)
}

/**
 * A frame written part by part: each number as a varuint, each byte array with its length
 * before it. `frame(0, 2, update)` is a sync update; any mix makes a hostile one.
 */
export function frame(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part)
    else encoding.writeVarUint8Array(encoder, part)
  }
  return encoding.toUint8Array(encoder)
}

const isSyncStep2 = (message: Uint8Array) => message[0] === 0 && message[1] === 1

/**
 * Resolves once the server has handled everything this socket sent so far: it asks for the
 * document (sync step 1) and waits for the answer, which the server sends in order.
 */
export async function roundTrip(raw: RawSocket, timeoutMs = 5000): Promise<void> {
  const answered = raw.messages.filter(isSyncStep2).length
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]))
  raw.send(encoding.toUint8Array(encoder))
  const deadline = Date.now() + timeoutMs
  while (raw.messages.filter(isSyncStep2).length === answered) {
    if (Date.now() > deadline) throw new Error('the server did not answer sync step 1')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
