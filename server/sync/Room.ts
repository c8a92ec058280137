/**
 * One board's sync room: its Y.Doc, its presence (./RoomPresence.ts) and the sockets connected
 * to it (./connection.ts), each kept within its limits (./admission.ts decides, by the limits of
 * ./connectionLimits.ts). Its link to the same room on other nodes (./roomLink.ts) works on the
 * doc and, directly, on the presence.
 *
 * Updates are applied to the in-memory doc at once and go through the room's
 * {@link DurableUpdates}, which forwards them to the other sockets and then stores them; other
 * nodes hear of them once stored. A new client's first sync is answered only once that queue
 * is empty, so the state a client loads is always the store's. What a crash takes back before
 * its append, the clients that received it send again when they reconnect.
 *
 * Non-facilitators' changes to the template are undone by a {@link attachTemplateGuard} in a
 * follow-up update that is stored and forwarded together with the offending one.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import type { WebSocket } from 'ws'
import type { DocStore } from '../../lib/store/types'
import type { Logger } from '../logger'
import {
  CloseCode,
  ProtocolError,
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
import { refusedRecord } from './recordGuard'
import { authorshipRewrite, boardIsAnonymous, isAnotherPersonsUserRecord } from './authorship'
import { attachLayoutKeeper, type LayoutKeeper, type LayoutKeeperOptions } from './layoutKeeper'
import {
  InboundRate,
  RefusedError,
  Refusals,
  STATE_REQUEST_BURST,
  STATE_REQUESTS_PER_SECOND,
  TokenBucket,
  type Refusal,
  type SyncLimits,
} from './connectionLimits'
import { admitStateRequest, admitUpdate, frameRefusal } from './admission'
import type { Connection, Principal } from './connection'
import { DocShares } from './docShares'
import type { SendQueues } from './sendQueues'
import { DocSizeLimit } from './docSizeLimit'
import { DocFillWatch } from './docFill'
import { writeSession } from '../../lib/board/session'
import { DurableUpdates } from './DurableUpdates'
import { RoomPresence } from './RoomPresence'
import type { SyncMetrics } from './syncMetrics'
import { createLocalFanout, type Fanout } from './fanout'
import { RoomLink, type LinkedRoom } from './roomLink'
import { FILL_ORIGIN, LOAD_ORIGIN, REMOTE_ORIGIN, STORE_ORIGIN, connectionOf } from './origins'

export interface RoomOptions {
  docs: DocStore
  logger: Logger
  /** Compact the stored log after this many appended updates. */
  compactEvery: number
  /** What one socket may cost (rates, document size, presence, unsent backlog). */
  limits: SyncLimits
  /** Unsent data per socket, person and invite link, across the server's rooms. */
  sendQueues: SendQueues
  metrics: SyncMetrics
  /** Undo non-facilitators' changes to the template (a board's own document only). */
  guardTemplate: boolean
  /** How this room hears the same room on other nodes (none by default: one node). */
  fanout?: Fanout
  /** The board's layout keeper (./layoutKeeper.ts), on a board's own document; false turns it off. */
  layoutKeeper?: Partial<LayoutKeeperOptions> | false
  onEmpty(room: Room): void
}

/** How long a socket closed for not reading may take to read its close frame. */
const STALLED_CLOSE_GRACE_MS = 2000
const syncStep1 = 0
const syncStep2 = 1
const syncUpdate = 2

export class Room implements LinkedRoom {
  readonly doc = new Y.Doc({ gc: true })
  readonly connections = new Map<WebSocket, Connection>()
  readonly presence: RoomPresence
  readonly ready: Promise<void>
  /** The same room on other nodes. */
  readonly link: RoomLink

  private loaded = false
  private closed = false
  private readonly updates: DurableUpdates
  /** When the message being handled arrived (null outside a message). */
  private receivingAt: number | null = null
  private size: DocSizeLimit | null = null
  private shares: DocShares | null = null
  private fill: DocFillWatch | null = null
  /** The last whole-document sync step 2, until the document changes. */
  private wholeStateMessage: Uint8Array | null = null
  private detachGuards: (() => void) | null = null
  /** Keeps the board's layout whole (a board's own document only). */
  keeper: LayoutKeeper | null = null

  constructor(
    /** The document's name (see lib/board/docIds.ts). */
    readonly name: string,
    private readonly options: RoomOptions,
  ) {
    this.presence = new RoomPresence(this.doc, this, options.limits)
    this.link = new RoomLink(this, this.presence, options.fanout ?? createLocalFanout(), options.docs, options.logger)
    this.updates = new DurableUpdates({
      name,
      doc: this.doc,
      docs: options.docs,
      logger: options.logger,
      metrics: options.metrics,
      compactEvery: options.compactEvery,
      link: this.link,
      broadcast: (message, except) => this.broadcast(message, except),
      onFailure: (error) => this.fail(error),
      isClosed: () => this.closed,
    })
    this.ready = this.load()
  }

  get awareness() {
    return this.presence.awareness
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
    const storedBytes = (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((n, update) => n + update.byteLength, 0)
    this.size = new DocSizeLimit(this.doc, this.options.limits.maxDocBytes, storedBytes)
    this.shares = new DocShares(this.doc, this.options.limits, (origin) =>
      this.isConnection(origin) ? { userId: origin.principal.userId, inviteId: origin.principal.inviteId ?? null } : null,
    )
    this.detachGuards = this.attachGuards()
    this.doc.on('update', this.onDocUpdate)
    if (this.options.guardTemplate) {
      const { docWarnPercent, docRemeasureMs } = this.options.limits
      this.fill = new DocFillWatch(this.doc, this.size, { warnPercent: docWarnPercent, remeasureEveryMs: docRemeasureMs }, (fill) => {
        if (this.closed) return
        this.options.logger.info({ room: this.name, fill }, fill ? 'document nears its size limit' : 'document below its warning size')
        this.doc.transact(() => writeSession(this.doc, { docFill: fill }), FILL_ORIGIN)
      })
    }
    if (this.options.guardTemplate && this.options.layoutKeeper !== false) {
      this.keeper = attachLayoutKeeper(this.doc, this.options.layoutKeeper ?? {}, (changed) =>
        this.options.logger.debug({ room: this.name, changed }, 'layout kept'),
      )
    }
    this.loaded = true
    for (const connection of this.connections.values()) this.start(connection)
    this.updates.loaded(stored.lastSeq, stored.updates.length)
    // A board stored near its limit warns as soon as it is opened.
    if (this.fill) setImmediate(() => this.fill?.check())
  }

  /**
   * Every room: records a browser would refuse are undone (and their socket closed). A board's
   * own document also guards the template, locked areas and the facilitation state.
   */
  private attachGuards(): () => void {
    const log = (what: string) => (origin: unknown, keys: string[]) => {
      const { principal } = origin as Connection
      this.options.logger.info({ room: this.name, user: principal.userId, role: principal.role, keys }, what)
    }
    const board = this.options.guardTemplate
    const facilitatorOnly = board ? facilitatorOnlyRecords(this.doc) : null
    const stopTemplate = attachTemplateGuard(this.doc, {
      isRestricted: (origin) => this.isConnection(origin),
      protects: (origin) => {
        const connection = origin as Connection
        const locked = facilitatorOnly && connection.principal.role !== 'facilitator' ? facilitatorOnly() : null
        return (key, value, added) => {
          // Only what the change adds: a record stored before these checks may still go.
          const refused = added ? refusedRecord(key, value) : null
          if (refused !== null) {
            connection.violation ??= refused
            return true
          }
          // tldraw's `user:` records name people (a note's first writer is shown by them): a
          // socket writes only its own person's (./authorship.ts corrects its name).
          if (isAnotherPersonsUserRecord(key, connection.principal.userId)) return true
          return locked !== null && locked(key, value)
        }
      },
      // Authorship is the token's (./authorship.ts), in every room.
      rewrites: (origin) => {
        const { principal } = origin as Connection
        return authorshipRewrite({ id: principal.userId, name: principal.name }, () => board && boardIsAnonymous(this.doc))
      },
      onForeignEntry: (origin) => {
        ;(origin as Connection).violation ??= 'not a record entry'
      },
      onRevert: log(board ? 'undid a change to the template, a locked area or an invalid record' : 'undid an invalid record'),
    })
    if (!board) return stopTemplate
    const stopSession = attachSessionGuard(this.doc, {
      isClient: (origin) => this.isConnection(origin),
      onRevert: log('undid a client change to the facilitation state, votes or board metadata'),
    })
    return () => {
      stopTemplate()
      stopSession()
    }
  }

  private isConnection(origin: unknown): origin is Connection {
    return connectionOf(origin, this.connections) !== null
  }

  get isClosed() {
    return this.closed
  }

  forward(update: Uint8Array) {
    this.broadcast(encodeUpdate(update), null)
  }

  addConnection(socket: WebSocket, principal: Principal): Connection {
    const connection: Connection = {
      kind: 'connection',
      socket,
      principal,
      awarenessIds: new Set(),
      inbound: new InboundRate(this.options.limits),
      stateRequests: new TokenBucket(STATE_REQUESTS_PER_SECOND, STATE_REQUEST_BURST),
      presence: this.presence.throttleFor(() => connection),
      backlog: [],
      violation: null,
      alive: true,
    }
    this.connections.set(socket, connection)
    this.options.sendQueues.add(socket, principal)
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.options.metrics.received(data.byteLength)
      if (!this.connections.has(socket)) return
      const refusal = frameRefusal(connection, data.byteLength, isBinary)
      if (refusal) return this.refuse(connection, refusal)
      const message = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      if (connection.backlog) connection.backlog.push(message)
      else this.receive(connection, message)
    })
    socket.on('pong', () => {
      connection.alive = true
    })
    socket.on('close', () => this.removeConnection(connection))
    socket.on('error', (error) => {
      // The socket library refuses a frame over the limit itself and closes with 1009; the
      // socket may report it more than once, but it is one refusal.
      if ((error as { code?: string }).code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        if (this.connections.has(socket)) this.refuse(connection, Refusals.messageTooBig)
        return
      }
      this.options.logger.warn({ room: this.name, user: principal.userId, err: error.message }, 'socket error')
    })
    if (this.loaded) this.start(connection)
    return connection
  }

  /** Greets a connection once the doc is loaded, then replays what it sent meanwhile. */
  private start(connection: Connection) {
    this.send(connection, encodeSyncStep1(this.doc))
    this.presence.greet(connection)
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
      const details = error instanceof RefusedError ? error.details : {}
      this.refuse(connection, refusal, { err: (error as Error).message, bytes: message.length, ...details })
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
          const known = Y.decodeStateVector(stateVector)
          admitStateRequest(connection)
          this.updates.whenDrained(() =>
            this.send(connection, known.size === 0 ? this.wholeState() : encodeSyncStep2(this.doc, stateVector)),
          )
        } else if (subtype === syncStep2 || subtype === syncUpdate) {
          const update = decoding.readVarUint8Array(decoder)
          if (admitUpdate(connection.principal, update, this.size!, this.shares!)) this.applyClientUpdate(connection, update)
        } else {
          throw new ProtocolError(`unknown sync message ${subtype}`)
        }
        break
      }
      case messageAwareness:
        this.presence.receive(connection, decoding.readVarUint8Array(decoder))
        break
      case messageQueryAwareness:
        this.presence.answerQuery(connection)
        break
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
    connection.violation = null
    Y.applyUpdate(this.doc, update, connection)
    // The guards have undone what broke the rules; the sender, no honest client, goes.
    const violation = connection.violation
    if (violation !== null) throw new RefusedError(Refusals.invalidRecord, { refused: violation })
    if (hadPending || (store.pendingStructs === null && store.pendingDs === null)) return
    store.pendingStructs = null
    store.pendingDs = null
    throw new RefusedError(Refusals.unknownDependencies)
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    this.wholeStateMessage = null
    // From another node, or read from the store: already durable, so neither stored nor
    // published again. What another node sent, its link forwards as it was sent.
    if (origin === REMOTE_ORIGIN) return
    if (origin === STORE_ORIGIN) {
      this.broadcast(encodeUpdate(update), null)
      return
    }
    this.updates.add(update, origin, this.receivingAt ?? performance.now())
  }

  /** Sends `message` to every started connection except `except`. */
  private broadcast(message: Uint8Array, except: unknown) {
    for (const connection of this.connections.values()) {
      if (connection !== except && !connection.backlog) this.send(connection, message)
    }
  }

  /**
   * Sync step 2 for a client that has nothing: the whole document, encoded once and shared by
   * every socket that asks until the document changes (twenty newcomers on a large board cost
   * one encoding, and their queues hold the same bytes).
   */
  private wholeState(): Uint8Array {
    this.wholeStateMessage ??= encodeSyncStep2(this.doc, new Uint8Array([0]))
    return this.wholeStateMessage
  }

  /** Whether the server may add about `bytes` to the document without passing its limit. */
  admitsServerChange(bytes: number): boolean {
    return this.size!.admits(bytes)
  }

  /** Resolves once every applied update is durable. */
  drained(): Promise<void> {
    return this.updates.drained()
  }

  /** Replaces the stored log with one snapshot of the doc. */
  compact(): Promise<void> {
    return this.updates.compact()
  }

  /** A store failure: nothing more can be made durable, so every client reconnects and re-sends. */
  private fail(error: Error) {
    this.options.logger.error({ room: this.name, err: error.message }, 'could not persist update; closing room')
    // The doc now holds changes the store does not (some of them already forwarded): it must not
    // serve anyone again. Clients reconnect to a fresh room loaded from the store and send what
    // it lacks, those forwarded changes included.
    this.closed = true
    this.keeper?.stop()
    this.fill?.stop()
    this.link.detach()
    for (const connection of [...this.connections.values()]) {
      this.closeConnection(connection, CloseCode.serverError, 'could not save')
    }
    this.doc.destroy()
  }

  send(connection: Connection, message: Uint8Array): void {
    const { socket } = connection
    if (socket.readyState !== socket.OPEN) return
    // Judged by what is queued plus what this would queue, for the socket and for all of its
    // person's (and invite link's) sockets: a reader that stopped reading would otherwise grow
    // our memory by a whole document per socket. It re-syncs when it reconnects, so closing it
    // loses nothing. Its close frame queues behind the rest, so a socket that does not take it
    // soon is cut off, freeing what it held.
    const over = this.options.sendQueues.refuses(socket, connection.principal, message.byteLength)
    if (over) {
      this.refuse(connection, Refusals.slowConsumer, { over, buffered: socket.bufferedAmount, bytes: message.byteLength })
      setTimeout(() => socket.terminate(), STALLED_CLOSE_GRACE_MS).unref()
      return
    }
    this.options.metrics.sent(message.byteLength)
    socket.send(message)
  }

  closeConnection(connection: Connection, code: number, reason: string): void {
    this.removeConnection(connection)
    const { socket } = connection
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason)
  }

  /** Closes one socket for breaking a rule, with a log line and a count by reason. */
  refuse(connection: Connection, refusal: Refusal, details: object = {}) {
    const { code, reason } = refusal
    this.options.logger.warn({ room: this.name, user: connection.principal.userId, code, reason, ...details }, 'closing socket')
    this.options.metrics.refused(reason, code)
    this.closeConnection(connection, code, reason)
  }

  private removeConnection(connection: Connection) {
    if (!this.connections.delete(connection.socket)) return
    this.options.sendQueues.remove(connection.socket, connection.principal)
    this.presence.leave(connection)
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
    this.keeper?.stop()
    this.fill?.stop()
    await this.drained()
    for (const connection of [...this.connections.values()]) this.closeConnection(connection, code, reason)
    this.closed = true
    await this.updates.finish()
    this.link.detach()
    this.detachGuards?.()
    this.size?.detach()
    this.shares?.detach()
    this.presence.destroy()
    this.doc.destroy()
  }
}
