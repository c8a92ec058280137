/**
 * The sync endpoint: `ws(s)://HOST/sync/<room>?token=…` (a room is a board's document, see
 * lib/board/docIds.ts), speaking the standard y-websocket
 * protocol. It authorizes each upgrade (through the `authorize` it is given), routes sockets to
 * rooms, loads rooms from the store and unloads them when idle, and re-checks every open
 * socket's access while it stays open. It knows no database: the store arrives as a
 * {@link DocStore}, the access check as `revalidate`.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type * as Y from 'yjs'
import type { BoardRole } from '../../lib/auth/roles'
import type { DocStore } from '../../lib/store/types'
import type { Logger } from '../logger'
import type { Fanout } from './fanout'
import { DEFAULT_SYNC_LIMITS, type SyncLimits } from './connectionLimits'
import { CloseCode } from './protocol'
import { SendQueues } from './sendQueues'
import { noSyncMetrics, type SyncMetrics } from './syncMetrics'
import { parseDocId } from '../../lib/board/docIds'
import { DocFullError } from '../../lib/board/docFull'
import { Room } from './Room'
import type { Principal } from './connection'
import type { LayoutKeeperOptions } from './layoutKeeper'
import { SERVER_ORIGIN } from './origins'
import { SyncRefusal, admitPrincipal, placeRefusal } from './admission'
import { startRevalidation } from './revalidation'
import { watchPrivateRoom } from './privateRoom'
import { createHeapRelease, type HeapReleaseOptions } from './heapRelease'

export const SYNC_PATH_PREFIX = '/sync/'

export interface AuthorizeRequest {
  /** The room asked for: a board id, or the name of one of its private documents. */
  room: string
  token: string | null
  origin: string | undefined
  request: IncomingMessage
}

export interface SyncServerOptions {
  docs: DocStore
  /** Resolves to who is connecting, or throws a {@link SyncRefusal}. */
  authorize(request: AuthorizeRequest): Promise<Principal>
  logger: Logger
  /**
   * The principal's current role on its board, or null when they no longer have access (a
   * removed member, a guest whose invite was revoked). Asked when a socket joins and then
   * every `revalidateEveryMs` for each distinct user and board with open sockets. No access
   * closes the sockets with 4403; another role than the token's closes them with 4401, so the
   * client fetches a token with its new role and reconnects. Without it, the token decides
   * for the socket's whole life.
   */
  revalidate?(principal: Principal): Promise<BoardRole | null>
  /**
   * The same for all of one board's open sockets at once, in one lookup, for the periodic
   * re-check (`revalidate` still answers when a socket joins). Roles in the principals' order.
   */
  revalidateBoard?(boardId: string, principals: Principal[]): Promise<(BoardRole | null)[]>
  /** How often open sockets are re-checked (default 2000 ms). */
  revalidateEveryMs?: number
  /** What one socket may cost (see ./connectionLimits.ts); unset ones take their defaults. */
  limits?: Partial<SyncLimits>
  /** Where the server reports its work (see ./syncMetrics.ts); without it nothing is counted. */
  metrics?: SyncMetrics
  /** A room with no sockets is written and unloaded after this long. */
  idleUnloadMs?: number
  /** The stored update log is compacted after this many updates. */
  compactEvery?: number
  heartbeatMs?: number
  /**
   * How rooms hear the same rooms on other nodes (see ./fanout.ts). Without it the server
   * assumes it is the only node.
   */
  fanout?: Fanout
  /** Timing of each board's layout keeper (./layoutKeeper.ts); false turns it off. */
  layoutKeeper?: Partial<LayoutKeeperOptions> | false
  /** When V8's spare heap goes back to the system after rooms unload (./heapRelease.ts); false: never. */
  heapRelease?: HeapReleaseOptions | false
}

export interface SyncServer {
  /** True for requests this server answers (`/sync/…`). */
  handles(request: IncomingMessage): boolean
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Closes the sockets whose principal matches; returns how many. */
  disconnect(match: (principal: Principal) => boolean, code: number, reason: string): number
  stats(): { rooms: number; connections: number }
  /** The loaded room of that name (a board id for a board's own document), if any. */
  room(name: string): Room | undefined
  /**
   * Changes a document on the server's authority (imports, restores, facilitation commands,
   * notes sent from phones): loads its room if needed, runs `change` in one transaction and
   * resolves, with change's result, once the change is durable. Connected clients receive it
   * like any other update. A change that adds content names about how many bytes
   * (`addsBytes`); when the document has no room for them, it rejects with a DocFullError and
   * nothing changes — the server's writes obey the limit clients do.
   */
  changeDoc<T>(name: string, change: (doc: Y.Doc) => T, options?: { addsBytes?: number }): Promise<T>
  /** Reads a document's current state (loading its room if needed) without changing it. */
  readDoc<T>(name: string, read: (doc: Y.Doc) => T): Promise<T>
  /**
   * Closes a board's rooms (its own document's and its private ones) on this node: their
   * sockets close with `code`, what they hold is written, and they are unloaded. Resolves once
   * they are gone, so that the board's rows can then be purged without a room writing them
   * back. New sockets are the authorizer's to refuse.
   */
  evict(boardId: string, code: number, reason: string): Promise<void>
  /** Writes every room, closes every socket with 1012 (restarting) and stops. */
  close(): Promise<void>
}

export function createSyncServer(options: SyncServerOptions): SyncServer {
  const { docs, logger } = options
  const limits: SyncLimits = { ...DEFAULT_SYNC_LIMITS, ...options.limits }
  const metrics = options.metrics ?? noSyncMetrics
  const idleUnloadMs = options.idleUnloadMs ?? 30_000
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
  })
  const rooms = new Map<string, Room>()
  const sendQueues = new SendQueues(limits)
  const unloading = new Map<string, Promise<void>>()
  const idleTimers = new Map<string, NodeJS.Timeout>()
  const heapRelease =
    options.heapRelease === false
      ? null
      : createHeapRelease({
          onCollected: ({ rssBeforeMiB, rssAfterMiB, ms }) =>
            logger.debug(
              { rssBeforeMiB: Math.round(rssBeforeMiB), rssAfterMiB: Math.round(rssAfterMiB), ms: Math.round(ms) },
              'heap released',
            ),
          ...options.heapRelease,
        })
  let closing = false

  const heartbeat = setInterval(() => {
    for (const room of rooms.values()) room.heartbeat()
  }, options.heartbeatMs ?? 30_000)
  heartbeat.unref()

  const revalidate = options.revalidate
  const revalidation = revalidate
    ? startRevalidation({
        check: revalidate,
        checkBoard: options.revalidateBoard,
        everyMs: options.revalidateEveryMs ?? 2000,
        rooms: () => rooms.values(),
        logger,
        metrics,
      })
    : null

  function onEmpty(room: Room) {
    clearTimeout(idleTimers.get(room.name))
    idleTimers.set(
      room.name,
      setTimeout(() => {
        idleTimers.delete(room.name)
        if (room.connections.size === 0 && rooms.get(room.name) === room) unload(room)
      }, idleUnloadMs),
    )
  }

  function unload(room: Room) {
    rooms.delete(room.name)
    const done = room
      .close()
      .catch((error: Error) => logger.error({ board: room.name, err: error.message }, 'unloading room failed'))
      .finally(() => {
        unloading.delete(room.name)
        if (!closing) heapRelease?.roomUnloaded()
      })
    unloading.set(room.name, done)
    logger.debug({ board: room.name }, 'room unloaded')
    return done
  }

  async function roomFor(name: string): Promise<Room> {
    // A room still being written out must finish before its successor reads the store.
    await unloading.get(name)
    let room = rooms.get(name)
    if (!room || room.isClosed) {
      room = new Room(name, {
        docs,
        logger,
        compactEvery: options.compactEvery ?? 500,
        limits,
        sendQueues,
        metrics,
        guardTemplate: parseDocId(name).kind === 'board',
        fanout: options.fanout,
        layoutKeeper: options.layoutKeeper,
        onEmpty,
      })
      rooms.set(name, room)
      heapRelease?.roomLoaded()
      const docName = parseDocId(name)
      if (docName.kind === 'private') {
        const own = room
        own.ready
          .then(() => {
            if (own.isClosed || closing) return
            watchPrivateRoom(own.doc, (change) => (closing ? Promise.resolve(false) : server.changeDoc(docName.boardId, change)), logger)
          })
          .catch(() => undefined)
      }
      room.ready.catch((error: Error) => {
        logger.error({ room: name, err: error.message }, 'loading room failed')
        if (rooms.get(name) === room) rooms.delete(name)
        for (const connection of [...room!.connections.values()]) {
          room!.closeConnection(connection, CloseCode.serverError, 'could not load board')
        }
      })
    }
    clearTimeout(idleTimers.get(name))
    idleTimers.delete(name)
    return room
  }

  function roomOf(request: IncomingMessage): string | null {
    const path = (request.url ?? '').split('?')[0]
    if (!path.startsWith(SYNC_PATH_PREFIX)) return null
    const rest = path.slice(SYNC_PATH_PREFIX.length)
    if (!rest || rest.includes('/')) return null
    try {
      return decodeURIComponent(rest)
    } catch {
      return null
    }
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on('error', (error) => logger.debug({ err: error.message }, 'upgrade socket error'))
    const room = roomOf(request)
    if (room === null || closing) {
      socket.end(`HTTP/1.1 ${closing ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`)
      return
    }
    const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token')
    let principal: Principal | null = null
    let refusal: SyncRefusal
    try {
      principal = await admitPrincipal(() => options.authorize({ room, token, origin: request.headers.origin, request }), revalidate)
      refusal = new SyncRefusal(CloseCode.unauthenticated, 'not authenticated')
    } catch (error) {
      refusal = error instanceof SyncRefusal ? error : new SyncRefusal(CloseCode.serverError, 'authorization failed')
      if (!(error instanceof SyncRefusal)) {
        logger.error({ room, err: (error as Error).message }, 'authorize threw')
      }
    }
    if (socket.destroyed) return
    // Refusals complete the upgrade and close with a 44xx code: browsers hide the HTTP status
    // of a failed upgrade, while a close code reaches the client and stops its retries.
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      if (!principal) {
        logger.info({ room, code: refusal.code, reason: refusal.reason }, 'sync refused')
        metrics.refused(refusal.reason, refusal.code)
        ws.close(refusal.code, refusal.reason)
        return
      }
      void join(ws, principal)
    })
  }

  async function join(ws: WebSocket, principal: Principal) {
    // Messages that arrive while the room is looked up are held by pausing the socket.
    ws.pause()
    try {
      const room = await roomFor(principal.room)
      const full = placeRefusal(room.connections, principal, limits, sendQueues)
      if (full) {
        const { code, reason } = full.refusal
        logger.warn({ room: principal.room, user: principal.userId, code, reason, limit: full.limit }, 'sync refused')
        metrics.refused(reason, code)
        ws.close(code, reason)
        return
      }
      room.addConnection(ws, principal)
    } catch (error) {
      logger.error({ board: principal.boardId, err: (error as Error).message }, 'join failed')
      ws.close(CloseCode.serverError, 'could not open board')
    } finally {
      ws.resume()
    }
  }

  const server: SyncServer = {
    handles: (request) => (request.url ?? '').startsWith(SYNC_PATH_PREFIX),
    handleUpgrade(request, socket, head) {
      upgrade(request, socket, head).catch((error: Error) => {
        logger.error({ err: error.message }, 'upgrade failed')
        socket.destroy()
      })
    },
    disconnect(match, code, reason) {
      let count = 0
      for (const room of rooms.values()) {
        for (const connection of [...room.connections.values()]) {
          if (match(connection.principal)) {
            room.closeConnection(connection, code, reason)
            count++
          }
        }
      }
      return count
    },
    stats() {
      let connections = 0
      for (const room of rooms.values()) connections += room.connections.size
      return { rooms: rooms.size, connections }
    },
    room: (name) => rooms.get(name),
    async changeDoc(name, change, changeOptions = {}) {
      const room = await roomFor(name)
      await room.ready
      const addsBytes = changeOptions.addsBytes ?? 0
      if (addsBytes > 0 && !room.admitsServerChange(addsBytes)) {
        if (room.connections.size === 0) onEmpty(room)
        logger.warn({ room: name, addsBytes }, 'refused a server change: document full')
        throw new DocFullError(name, addsBytes)
      }
      const result = room.doc.transact(() => change(room.doc), SERVER_ORIGIN)
      await room.drained()
      // A room loaded just for this change unloads when idle like any other.
      if (room.connections.size === 0) onEmpty(room)
      return result
    },
    async readDoc(name, read) {
      const room = await roomFor(name)
      await room.ready
      const result = read(room.doc)
      if (room.connections.size === 0) onEmpty(room)
      return result
    },
    async evict(boardId, code, reason) {
      const names = [...new Set([...rooms.keys(), ...unloading.keys()])].filter((name) => parseDocId(name).boardId === boardId)
      await Promise.all(
        names.map(async (name) => {
          clearTimeout(idleTimers.get(name))
          idleTimers.delete(name)
          const room = rooms.get(name)
          if (room) {
            for (const connection of [...room.connections.values()]) room.closeConnection(connection, code, reason)
            await unload(room)
          }
          await unloading.get(name)
        }),
      )
    },
    async close() {
      closing = true
      clearInterval(heartbeat)
      heapRelease?.stop()
      revalidation?.stop()
      for (const timer of idleTimers.values()) clearTimeout(timer)
      idleTimers.clear()
      await Promise.all([...rooms.values()].map((room) => unload(room)))
      await Promise.all(unloading.values())
      wss.close()
    },
  }
  return server
}
