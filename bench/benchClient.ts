/**
 * A headless y-websocket client that speaks the protocol on a raw `ws` socket, keeping no
 * document of its own (500 Y.Docs applying every update would measure the clients, not the
 * server). It answers the handshake like the stock provider, counts what reaches it, and finds
 * the send time each writer wrote into its update.
 *
 * Writers keep a small Y.Doc and write one note record per write into the board's record store,
 * as a client moving or editing its note does (our server refuses root types a board does not
 * have, and checks records as it would a browser's); the note's text starts with
 * `@@T<send time>W<writer>;`, which Yjs stores verbatim in the update's bytes — also inside the
 * merged updates our server forwards — so a receiver finds every send time with `indexOf`,
 * without decoding.
 */
import WebSocket from 'ws'
import { createShapeId, type TLRecord } from '@tldraw/tlschema'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { openRecordStore } from '../lib/board/docLayout'
import { buildNoteRecord } from '../lib/board/noteRecord'
import { encodeSyncStep1, encodeSyncStep2, encodeUpdate, messageSync } from '../server/sync/protocol'

const syncStep1 = 0
const syncStep2 = 1
const syncUpdate = 2

const MARKER = Buffer.from('@@T')
/** Text enough for a short sentence; the whole record is about 700 bytes. */
const PADDING = 'x'.repeat(60)

/** Milliseconds since the epoch, with fractions, comparable across processes on one machine. */
export const now = () => performance.timeOrigin + performance.now()

export interface Delivery {
  sentAt: number
  receivedAt: number
  writer: number
}

export interface BenchClientOptions {
  url: string
  id: number
  onDelivery(delivery: Delivery): void
}

/** The client's side of the handshake: it has nothing, so it asks for everything and offers nothing. */
const nothing = new Y.Doc()
const emptyStateVector = Y.encodeStateVector(nothing)

export class BenchClient {
  readonly socket: WebSocket
  /** Resolves with the size of the server's first sync answer (the whole document). */
  readonly synced: Promise<{ bytes: number; at: number }>
  readonly opened: Promise<number>
  private doc: Y.Doc | null = null
  private records: YKeyValue<TLRecord> | null = null
  private writes = 0

  constructor(private readonly options: BenchClientOptions) {
    this.socket = new WebSocket(options.url, { perMessageDeflate: false })
    this.socket.binaryType = 'nodebuffer'
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve(now()))
      this.socket.once('error', reject)
    })
    this.synced = new Promise((resolve, reject) => {
      this.socket.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason}`)))
      this.socket.on('message', (data: Buffer) => {
        if (data[0] !== messageSync) return
        if (data[1] === syncStep2) resolve({ bytes: data.byteLength, at: now() })
        if (data[1] === syncStep1) this.socket.send(encodeSyncStep2(nothing, emptyStateVector))
        if (data[1] === syncStep2 || data[1] === syncUpdate) this.scan(data)
      })
    })
    // The stock provider asks for the server's state as soon as the socket opens.
    this.socket.once('open', () => this.socket.send(encodeSyncStep1(nothing)))
  }

  private scan(data: Buffer) {
    const receivedAt = now()
    let at = data.indexOf(MARKER, 2)
    while (at >= 0) {
      const end = data.indexOf(59 /* ; */, at)
      const [sentAt, writer] = data.toString('latin1', at + 3, end).split('W')
      if (Number(writer) !== this.options.id) {
        this.options.onDelivery({ sentAt: Number(sentAt), receivedAt, writer: Number(writer) })
      }
      at = data.indexOf(MARKER, end)
    }
  }

  /** Writes one entry stamped with the current time. */
  write() {
    this.doc ??= new Y.Doc()
    this.records ??= openRecordStore(this.doc)
    let update: Uint8Array | null = null
    const capture = (bytes: Uint8Array) => (update = bytes)
    this.doc.once('update', capture)
    const { id } = this.options
    const note = buildNoteRecord({
      id: createShapeId(`bench-w${id}`),
      x: (id % 20) * 220,
      y: Math.floor(id / 20) * 220,
      text: `@@T${now().toFixed(3)}W${id};${this.writes++};${PADDING}`,
    })
    this.records.set(note.id, note)
    if (update && this.socket.readyState === WebSocket.OPEN) this.socket.send(encodeUpdate(update))
  }

  close() {
    this.socket.terminate()
    this.doc?.destroy()
  }
}

/** Opens `count` clients, `batch` at a time, and resolves once every one has synced. */
export async function connectClients(
  count: number,
  urlFor: (i: number) => string,
  onDelivery: (delivery: Delivery) => void,
  batch = 50,
): Promise<BenchClient[]> {
  const clients: BenchClient[] = []
  for (let start = 0; start < count; start += batch) {
    const group = Array.from({ length: Math.min(batch, count - start) }, (_, k) => {
      const id = start + k
      return new BenchClient({ url: urlFor(id), id, onDelivery })
    })
    clients.push(...group)
    await Promise.all(group.map((client) => client.synced))
  }
  return clients
}
