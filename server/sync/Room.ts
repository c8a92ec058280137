/**
 * One board's sync room: its Y.Doc, its presence (awareness) and the sockets connected to it.
 *
 * The rule that matters: an update is forwarded to other clients only after the store has made
 * it durable. Updates are applied to the in-memory doc at once, queued, appended to the store
 * in batches (one transaction per batch), and broadcast when the append resolves. A new client's
 * first sync is answered only once the queue is empty, so nobody ever receives an edit that a
 * crash could still take back.
 *
 * Non-facilitators' changes to the template are undone by a {@link attachTemplateGuard} in a
 * follow-up update that is stored and forwarded together with the offending one.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import type { WebSocket } from 'ws'
import { canEditNotes, type BoardRole } from '../../lib/auth/roles'
import type { DocStore } from '../../lib/store/types'
import type { Logger } from '../logger'
import {
  CloseCode,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  messageAwareness,
  messageQueryAwareness,
  messageSync,
} from './protocol'
import { facilitatorOnlyRecords } from './boardPolicy'
import { attachSessionGuard } from './sessionGuard'
import { attachTemplateGuard } from './templateGuard'
import { AwarenessThrottle, decodeEntries } from './awarenessThrottle'
import { InboundRate, RefusedError, Refusals, type Refusal, type SyncLimits } from './connectionLimits'
import { DocSizeLimit } from './docSizeLimit'
import type { SyncMetrics } from './syncMetrics'
import { createLocalFanout, type Fanout } from './fanout'
import { REMOTE_ORIGIN, RoomLink, type LinkedRoom } from './roomLink'

export interface Principal {
  userId: string
  name: string
  role: BoardRole
  boardId: string
  /** The room (document) this socket is in: the board's own, or a private one of the board. */
  room: string
}

export interface Connection {
  readonly socket: WebSocket
  readonly principal: Principal
  /** Awareness client ids this socket has announced; removed when it leaves. */
  readonly awarenessIds: Set<number>
  /** What this socket may still send, by message count and bytes. */
  readonly inbound: InboundRate
  /** Its presence updates, relayed at a bounded rate. */
  readonly presence: AwarenessThrottle
  /** Messages that arrived while the room was still loading. */
  backlog: Uint8Array[] | null
  alive: boolean
}

export interface RoomOptions {
  docs: DocStore
  logger: Logger
  /** Compact the stored log after this many appended updates. */
  compactEvery: number
  /** What one socket may cost (rates, document size, presence, unsent backlog). */
  limits: SyncLimits
  metrics: SyncMetrics
  /** Undo non-facilitators' changes to the template (a board's own document only). */
  guardTemplate: boolean
  /** How this room hears the same room on other nodes (none by default: one node). */
  fanout?: Fanout
  onEmpty(room: Room): void
}

/** Thrown for messages that break the protocol; the sender's socket is closed with 4400. */
export class ProtocolError extends Error {}

const LOAD_ORIGIN = Symbol('load')
const syncStep1 = 0
const syncStep2 = 1
const syncUpdate = 2

export class Room implements LinkedRoom {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly connections = new Map<WebSocket, Connection>()
  readonly ready: Promise<void>
  /** The same room on other nodes. */
  readonly link: RoomLink

  private loaded = false
  private closed = false
  /** Updates applied but not yet stored, with when the message that made each arrived. */
  private pending: { update: Uint8Array; origin: unknown; receivedAt: number }[] = []
  /** When the message being handled arrived (null outside a message). */
  private receivingAt: number | null = null
  private size: DocSizeLimit | null = null
  private flushing = false
  private drainWaiters: (() => void)[] = []
  private lastSeq = 0
  private updatesSinceCompaction = 0
  private compacting: Promise<void> | null = null
  private detachGuards: (() => void) | null = null

  constructor(
    /** The document's name (see lib/board/docIds.ts). */
    readonly name: string,
    private readonly options: RoomOptions,
  ) {
    // The server is not a participant: it announces no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwarenessUpdate)
    this.link = new RoomLink(this, options.fanout ?? createLocalFanout(), options.docs, options.logger)
    this.ready = this.load()
  }

  private async load() {
    // Subscribed first: what other nodes publish while the store is read is not missed.
    await this.link.attach()
    const stored = await this.options.docs.loadDoc(this.name).catch((error: Error) => {
      this.link.detach()
      throw error
    })
    // Stored updates were validated when they arrived, so merging them here is safe.
    Y.transact(
      this.doc,
      () => {
        if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, LOAD_ORIGIN)
        for (const update of stored.updates) Y.applyUpdate(this.doc, update, LOAD_ORIGIN)
      },
      LOAD_ORIGIN,
    )
    this.lastSeq = stored.lastSeq
    this.updatesSinceCompaction = stored.updates.length
    const storedBytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((n, update) => n + update.byteLength, 0)
    this.size = new DocSizeLimit(this.doc, this.options.limits.maxDocBytes, storedBytes)
    if (this.options.guardTemplate) this.detachGuards = this.attachBoardGuards()
    this.doc.on('update', this.onDocUpdate)
    this.loaded = true
    for (const connection of this.connections.values()) this.start(connection)
    this.maybeCompact()
  }

  /** A board's own document: the template, locked areas and facilitation state are guarded. */
  private attachBoardGuards(): () => void {
    const log = (what: string) => (origin: unknown, keys: string[]) => {
      const { principal } = origin as Connection
      this.options.logger.info({ room: this.name, user: principal.userId, role: principal.role, keys }, what)
    }
    const stopTemplate = attachTemplateGuard(this.doc, {
      isRestricted: (origin) => this.isConnection(origin) && origin.principal.role !== 'facilitator',
      protects: facilitatorOnlyRecords(this.doc),
      onRevert: log('undid a change to the template or a locked area'),
    })
    const stopSession = attachSessionGuard(this.doc, {
      isClient: (origin) => this.isConnection(origin),
      onRevert: log('undid a client change to the facilitation state'),
    })
    return () => {
      stopTemplate()
      stopSession()
    }
  }

  private isConnection(origin: unknown): origin is Connection {
    return typeof origin === 'object' && origin !== null && this.connections.get((origin as Connection).socket) === origin
  }

  get isClosed() {
    return this.closed
  }

  presenceOwner(origin: unknown): string | null {
    return this.isConnection(origin) ? origin.principal.userId : null
  }

  *localPresence() {
    for (const connection of this.connections.values()) {
      yield { ids: connection.awarenessIds, userId: connection.principal.userId }
    }
  }

  releasePresence(ids: readonly number[]) {
    for (const connection of this.connections.values()) for (const id of ids) connection.awarenessIds.delete(id)
  }

  addConnection(socket: WebSocket, principal: Principal): Connection {
    const connection: Connection = {
      socket,
      principal,
      awarenessIds: new Set(),
      inbound: new InboundRate(this.options.limits),
      presence: new AwarenessThrottle(this.options.limits.awarenessPerSecond, (update) =>
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection),
      ),
      backlog: [],
      alive: true,
    }
    this.connections.set(socket, connection)
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.options.metrics.received(data.byteLength)
      if (!this.connections.has(socket)) return
      const overLimit = connection.inbound.admit(data.byteLength)
      if (overLimit) return this.refuse(connection, overLimit)
      if (!isBinary) return this.refuse(connection, Refusals.textFrame)
      const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      if (connection.backlog) connection.backlog.push(message)
      else this.receive(connection, message)
    })
    socket.on('pong', () => {
      connection.alive = true
    })
    socket.on('close', () => this.removeConnection(connection))
    socket.on('error', (error) => {
      this.options.logger.warn({ room: this.name, user: principal.userId, err: error.message }, 'socket error')
      // The socket library closes a socket that sent a frame over the limit itself (1009).
      if ((error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        this.options.metrics.refused('message too large', CloseCode.messageTooBig)
      }
    })
    if (this.loaded) this.start(connection)
    return connection
  }

  /** Greets a connection once the doc is loaded, then replays what it sent meanwhile. */
  private start(connection: Connection) {
    this.send(connection, encodeSyncStep1(this.doc))
    const others = [...this.awareness.getStates().keys()]
    if (others.length > 0) {
      this.send(connection, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, others)))
    }
    const backlog = connection.backlog ?? []
    connection.backlog = null
    for (const message of backlog) this.receive(connection, message)
  }

  private receive(connection: Connection, message: Uint8Array) {
    if (this.closed || !this.connections.has(connection.socket)) return
    this.receivingAt = performance.now()
    try {
      this.handleMessage(connection, message)
    } catch (error) {
      const refusal = error instanceof RefusedError ? error.refusal : Refusals.malformed
      this.refuse(connection, refusal, { err: (error as Error).message, bytes: message.length })
    } finally {
      this.receivingAt = null
    }
  }

  private handleMessage(connection: Connection, message: Uint8Array) {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case messageSync: {
        const subtype = decoding.readVarUint(decoder)
        if (subtype === syncStep1) {
          const stateVector = decoding.readVarUint8Array(decoder)
          // Validates the state vector before anything is sent.
          Y.decodeStateVector(stateVector)
          this.whenDrained(() => this.send(connection, encodeSyncStep2(this.doc, stateVector)))
        } else if (subtype === syncStep2 || subtype === syncUpdate) {
          const update = decoding.readVarUint8Array(decoder)
          if (!canEditNotes(connection.principal.role)) return
          // Parsing the whole update first means a malformed one throws before it touches the
          // doc, instead of half-way through integrating it.
          Y.decodeUpdate(update)
          if (!this.size!.admits(update.byteLength)) throw new RefusedError(Refusals.docTooLarge)
          this.applyClientUpdate(connection, update)
        } else {
          throw new ProtocolError(`unknown sync message ${subtype}`)
        }
        break
      }
      case messageAwareness: {
        const update = this.ownAwarenessUpdate(connection, decoding.readVarUint8Array(decoder))
        if (!update) break
        const ids = new Set([...connection.awarenessIds, ...decodeEntries(update).map((entry) => entry.clientId)])
        if (ids.size > this.options.limits.maxAwarenessIdsPerConnection) throw new RefusedError(Refusals.tooManyPresenceIds)
        connection.presence.submit(update)
        break
      }
      case messageQueryAwareness: {
        const ids = [...this.awareness.getStates().keys()]
        this.send(connection, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
        break
      }
      default:
        throw new ProtocolError(`unknown message type ${type}`)
    }
  }

  /**
   * Applies a client's update. What Yjs cannot integrate yet (structs or deletions that build
   * on changes the doc lacks) it keeps as pending, and later runs `Y.mergeUpdates` over it —
   * here on the main thread, over bytes from the wire, which a crafted update can make hang
   * (Yjs issue 687). No honest client sends such an update (it builds only on what the server
   * sent it), so the pending part is dropped before anything merges it and the socket is
   * closed; the integrated part is kept and stored like any other update.
   */
  private applyClientUpdate(connection: Connection, update: Uint8Array) {
    const { store } = this.doc
    const hadPending = store.pendingStructs !== null || store.pendingDs !== null
    Y.applyUpdate(this.doc, update, connection)
    if (hadPending || (store.pendingStructs === null && store.pendingDs === null)) return
    store.pendingStructs = null
    store.pendingDs = null
    throw new RefusedError(Refusals.unknownDependencies)
  }

  /**
   * The part of an awareness update this socket may apply; null when nothing is left. Only a
   * socket that owns an awareness id may advance its clock. The stock client re-sends every
   * state it receives (same clock) and marks silent peers offline (same clock, null state), so
   * entries for another socket's id that are not newer are dropped quietly; a newer one from
   * someone else can only be a forgery and breaks the protocol.
   */
  private ownAwarenessUpdate(connection: Connection, update: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    const kept: { clientId: number; clock: number; state: string }[] = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarString(decoder)
      JSON.parse(state)
      const owner = [...this.connections.values()].find(
        (other) => other !== connection && other.awarenessIds.has(clientId),
      )
      // A socket on another node may own it too: then the same rules hold, by user.
      const remoteOwner = owner ? undefined : this.link.remoteOwner(clientId)
      if (!owner && remoteOwner === undefined) {
        kept.push({ clientId, clock, state })
        continue
      }
      if (clock <= (this.awareness.meta.get(clientId)?.clock ?? 0)) continue
      if ((owner ? owner.principal.userId : remoteOwner) !== connection.principal.userId) {
        throw new ProtocolError('awareness update for another connection')
      }
      // The same person's client came back on a new socket (here, or moved here from another
      // node) before the old one was noticed dead (a weak link drops without a close frame).
      // The id moves to the new socket and a stale one here is dropped, so the returning
      // client is not mistaken for a forger.
      if (owner) {
        owner.awarenessIds.delete(clientId)
        this.closeConnection(owner, CloseCode.restarting, 'replaced by a newer connection')
      }
      kept.push({ clientId, clock, state })
    }
    if (kept.length === 0) return null
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, kept.length)
    for (const { clientId, clock, state } of kept) {
      encoding.writeVarUint(encoder, clientId)
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarString(encoder, state)
    }
    return encoding.toUint8Array(encoder)
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const connection = origin as Connection | null
    if (connection && this.connections.has(connection.socket)) {
      // A client that comes back with the id it had before shows up as `updated`, not `added`:
      // the awareness keeps a departed client's clock. It owns that id again all the same.
      for (const id of [...added, ...updated]) connection.awarenessIds.add(id)
      for (const id of removed) connection.awarenessIds.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    // Presence goes to everyone, the sender included: the stock client treats the echo of its
    // own state as a sign of life.
    for (const other of this.connections.values()) this.send(other, message)
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE_ORIGIN) {
      // Another node stored it before publishing it (or it was read from the store): it is
      // already durable, so it goes out at once and is neither stored nor published again.
      this.broadcast(encodeUpdate(update), null)
      return
    }
    this.pending.push({ update, origin, receivedAt: this.receivingAt ?? performance.now() })
    if (!this.flushing) {
      this.flushing = true
      // Starting on the next microtask lets every update applied in this same turn (such as a
      // template guard's revert, which Yjs emits right after the offending update) share a batch.
      queueMicrotask(() => void this.flush())
    }
  }

  /**
   * Appends queued updates to the store, then forwards them; one store transaction a batch.
   * A batch of several is forwarded as one merged update, to everyone including the senders
   * (Yjs ignores what a client already has): a reverted change then arrives together with its
   * revert and no client ever shows it. Merging is safe here because these updates were encoded
   * by our own doc, not taken from the wire.
   */
  private async flush() {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0)
        this.lastSeq = await this.options.docs.appendUpdates(
          this.name,
          batch.map((entry) => entry.update),
        )
        this.updatesSinceCompaction += batch.length
        if (batch.length === 1) {
          const [{ update, origin }] = batch
          this.broadcast(encodeUpdate(update), origin)
          this.link.published(update)
        } else {
          const merged = Y.mergeUpdates(batch.map((entry) => entry.update))
          this.broadcast(encodeUpdate(merged), null)
          this.link.published(merged)
        }
        const forwardedAt = performance.now()
        for (const entry of batch) this.options.metrics.forwarded((forwardedAt - entry.receivedAt) / 1000)
      }
    } catch (error) {
      this.flushing = false
      this.fail(error as Error)
      return
    }
    this.flushing = false
    for (const waiter of this.drainWaiters.splice(0)) waiter()
    this.maybeCompact()
  }

  /** Sends `message` to every started connection except `except`. */
  private broadcast(message: Uint8Array, except: unknown) {
    for (const connection of this.connections.values()) {
      if (connection !== except && !connection.backlog) this.send(connection, message)
    }
  }

  /** Runs `fn` synchronously once every applied update is durable. */
  private whenDrained(fn: () => void) {
    if (!this.flushing && this.pending.length === 0) fn()
    else this.drainWaiters.push(fn)
  }

  /** Resolves once every applied update is durable. */
  drained(): Promise<void> {
    return new Promise((resolve) => this.whenDrained(resolve))
  }

  private maybeCompact() {
    if (this.compacting || this.closed || this.updatesSinceCompaction < this.options.compactEvery) return
    void this.compact()
  }

  /** Replaces the stored log with one snapshot of the doc; the doc holds exactly what is durable. */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting
    if (this.flushing || this.pending.length > 0 || this.updatesSinceCompaction === 0) return Promise.resolve()
    const count = this.updatesSinceCompaction
    this.updatesSinceCompaction = 0
    this.compacting = this.snapshotForCompaction()
      .then(async (snapshot) => {
        if (snapshot) await this.options.docs.compactDoc(this.name, snapshot.state, snapshot.throughSeq)
      })
      .catch((error: Error) => {
        this.updatesSinceCompaction += count
        this.options.logger.error({ room: this.name, err: error.message }, 'compaction failed')
      })
      .finally(() => {
        this.compacting = null
      })
    return this.compacting
  }

  /**
   * The doc's state and the stored sequence number it holds every update up to: this room's
   * last append, taken at once. On a shared store other nodes append to the same log, and an
   * update of theirs the doc has not yet heard of would be dropped with the updates the
   * snapshot replaces; so the doc first catches up from the store, and the snapshot covers
   * what that read saw.
   */
  private async snapshotForCompaction(): Promise<{ state: Uint8Array; throughSeq: number } | null> {
    if (!this.link.shared) return { state: Y.encodeStateAsUpdate(this.doc), throughSeq: this.lastSeq }
    const throughSeq = await this.link.catchUpFromStore()
    if (throughSeq === null || this.doc.isDestroyed) return null
    return { state: Y.encodeStateAsUpdate(this.doc), throughSeq }
  }

  /** A store failure: nothing more can be made durable, so every client reconnects and re-sends. */
  private fail(error: Error) {
    this.options.logger.error({ room: this.name, err: error.message }, 'could not persist update; closing room')
    this.pending = []
    this.drainWaiters = []
    // The doc now holds changes the store does not: it must not serve anyone again. Clients
    // reconnect to a fresh room loaded from the store and send what it lacks.
    this.closed = true
    this.link.detach()
    for (const connection of [...this.connections.values()]) {
      this.closeConnection(connection, CloseCode.serverError, 'could not save')
    }
    this.doc.destroy()
  }

  send(connection: Connection, message: Uint8Array) {
    const { socket } = connection
    if (socket.readyState !== socket.OPEN) return
    if (socket.bufferedAmount > this.options.limits.maxBufferedBytes) {
      // A reader that stopped reading would grow our memory without bound. It re-syncs when it
      // reconnects, so closing it loses nothing.
      this.refuse(connection, Refusals.slowConsumer, { buffered: socket.bufferedAmount })
      return
    }
    this.options.metrics.sent(message.byteLength)
    socket.send(message)
  }

  closeConnection(connection: Connection, code: number, reason: string) {
    this.removeConnection(connection)
    const { socket } = connection
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason)
  }

  /** Closes one socket for breaking a rule, with a log line and a count by reason. */
  private refuse(connection: Connection, refusal: Refusal, details: object = {}) {
    const { code, reason } = refusal
    this.options.logger.warn({ room: this.name, user: connection.principal.userId, code, reason, ...details }, 'closing socket')
    this.options.metrics.refused(reason, code)
    this.closeConnection(connection, code, reason)
  }

  private removeConnection(connection: Connection) {
    if (!this.connections.delete(connection.socket)) return
    connection.presence.stop()
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null)
    }
    if (this.connections.size === 0) this.options.onEmpty(this)
  }

  /** Pings every socket; one that did not answer the previous ping is dropped. */
  heartbeat() {
    for (const connection of [...this.connections.values()]) {
      if (!connection.alive) {
        connection.socket.terminate()
        this.removeConnection(connection)
        continue
      }
      connection.alive = false
      connection.socket.ping()
    }
  }

  /** Writes everything, compacts, closes remaining sockets with `code` and frees the doc. */
  async close(code: number = CloseCode.restarting, reason = 'room closed') {
    if (this.closed) return
    await this.ready.catch(() => undefined)
    await this.drained()
    for (const connection of [...this.connections.values()]) this.closeConnection(connection, code, reason)
    this.closed = true
    await this.compacting
    await this.compact()
    this.link.detach()
    this.detachGuards?.()
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.doc.destroy()
  }
}
