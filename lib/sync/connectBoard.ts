/**
 * Connects a Y.Doc to a board's sync room with the stock y-websocket provider, and keeps its
 * short-lived room token fresh: renewed before it expires (the provider puts `params` into
 * the URL of every reconnect) and fetched anew when the server refuses a stale one (4401).
 *
 * Works in browsers and in Node (pass `ws` as `WebSocketPolyfill`).
 */
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import type { BoardRole } from '../auth/roles'
import { CloseCode } from './closeCodes'

export interface RoomTicket {
  token: string
  /** Base sync URL (`ws(s)://host/sync`); the provider appends `/<boardId>`. */
  url: string
  /** Epoch milliseconds. */
  expiresAt: number
  /** The role the token carries, when the server says. */
  role?: BoardRole
}

/** Thrown by `fetchTicket` when the server answers with an HTTP error. */
export class TicketError extends Error {
  constructor(readonly status: number) {
    super(`Room token request failed with HTTP ${status}`)
    this.name = 'TicketError'
  }
}

export type ConnectionState =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'offline'
  | 'signed-out'
  | 'forbidden'
  | 'not-found'
  /** The server refused our changes: the board, or our share of it, is full (4413). */
  | 'doc-full'

export interface BoardConnection {
  readonly provider: WebsocketProvider | null
  getState(): ConnectionState
  onState(listener: (state: ConnectionState) => void): () => void
  /** Resolves with the provider once the first ticket arrived and the socket was opened. */
  ready: Promise<WebsocketProvider>
  /** Resolves at the first sync with the server (never, if the connection is refused). */
  synced: Promise<void>
  /**
   * Tries again now instead of at the end of the current backoff pause: the device has just
   * come back online (the browser's `online` event), so waiting out a long pause helps no one.
   */
  retryNow(): void
  /**
   * The device has just gone offline (the browser's `offline` event): the socket is dead even
   * if no close has arrived yet, so it is dropped now and the board shows as offline at once,
   * instead of after the provider's 30 s silence watchdog.
   */
  goneOffline(): void
  destroy(): void
}

export interface ConnectBoardOptions {
  boardId: string
  doc: Y.Doc
  fetchTicket(): Promise<RoomTicket>
  WebSocketPolyfill?: typeof WebSocket
  /** Whether the device believes it is online (navigator.onLine in browsers). */
  isOnline?: () => boolean
  /** Upper bound of the provider's reconnect backoff. */
  maxBackoffMs?: number
  /** Called with every ticket obtained (e.g. to follow a role change). */
  onTicket?(ticket: RoomTicket): void
  /** Pauses other than the defaults ({@link CONNECT_TIMING}); tests shorten them. */
  timing?: Partial<ConnectTiming>
}

/** The pauses connectBoard waits. Backoff pauses double up to `maxPauseMs`, each ±50 %. */
export const CONNECT_TIMING = {
  /** The first pause after a ticket request failed for a passing reason (network, 5xx). */
  ticketRetryMs: 1000,
  /** The first pause after the server refused the socket (so a persistent 4401 cannot spin). */
  refusedRetryMs: 250,
  /** The longest backoff pause. */
  maxPauseMs: 30_000,
  /** How often an offline device checks whether it is back online, should no event say so. */
  offlineCheckMs: 5000,
  /** A token is renewed at half its life, but never sooner than this. */
  minRenewMs: 1000,
} as const

export type ConnectTiming = { [K in keyof typeof CONNECT_TIMING]: number }

/**
 * The stock provider re-broadcasts every awareness change it sees, other clients' included, so
 * each presence update would come back to the server once from every peer (n² traffic in a
 * big room; the server drops the echoes). Our clients send only their own state.
 */
function speakOnlyForSelf(provider: WebsocketProvider) {
  const { awareness } = provider
  const stock = (provider as unknown as { _awarenessUpdateHandler: (...args: unknown[]) => void })._awarenessUpdateHandler
  awareness.off('update', stock)
  awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const own = [...added, ...updated, ...removed].filter((id) => id === awareness.clientID)
    if (own.length > 0) stock({ added: own, updated: [], removed: [] }, origin)
  })
}

export function connectBoard(options: ConnectBoardOptions): BoardConnection {
  const { boardId, doc } = options
  const isOnline = options.isOnline ?? (() => true)
  const timing: ConnectTiming = { ...CONNECT_TIMING, ...options.timing }
  const listeners = new Set<(state: ConnectionState) => void>()
  let state: ConnectionState = 'connecting'
  let provider: WebsocketProvider | null = null
  let everConnected = false
  let destroyed = false
  let renewTimer: ReturnType<typeof setTimeout> | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  /** Ends the backoff pause under way, if any. */
  let endPause: (() => void) | null = null
  let retryDelay = timing.ticketRetryMs
  /** Backoff for reconnecting after the server refused us. */
  let refusedDelay = timing.refusedRetryMs

  const setState = (next: ConnectionState) => {
    if (next === state) return
    state = next
    for (const listener of listeners) listener(next)
  }

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      endPause = () => {
        if (retryTimer) clearTimeout(retryTimer)
        retryTimer = null
        endPause = null
        resolve()
      }
      retryTimer = setTimeout(endPause, ms)
    })

  /** While the device is offline (goneOffline), checks now and then whether it is back. */
  let offlineCheck: ReturnType<typeof setInterval> | null = null
  const resume = () => {
    if (offlineCheck) clearInterval(offlineCheck)
    offlineCheck = null
    if (destroyed || !provider) return
    setState(everConnected ? 'reconnecting' : 'connecting')
    provider.connect()
  }

  const terminal = (error: unknown): ConnectionState | null => {
    if (!(error instanceof TicketError)) return null
    if (error.status === 401) return 'signed-out'
    if (error.status === 403) return 'forbidden'
    if (error.status === 404) return 'not-found'
    return null
  }

  /** Fetches a ticket, retrying with jittered backoff while the network or server is down. */
  const getTicket = async (): Promise<RoomTicket | null> => {
    for (;;) {
      if (destroyed) return null
      try {
        const ticket = await options.fetchTicket()
        // Destroyed while the request was out: the answer must not open or renew anything.
        if (destroyed) return null
        retryDelay = timing.ticketRetryMs
        options.onTicket?.(ticket)
        return ticket
      } catch (error) {
        const end = terminal(error)
        if (end) {
          setState(end)
          return null
        }
        setState(isOnline() ? 'reconnecting' : 'offline')
        await pause(retryDelay * (0.5 + Math.random()))
        retryDelay = Math.min(retryDelay * 2, timing.maxPauseMs)
      }
    }
  }

  const scheduleRenewal = (ticket: RoomTicket) => {
    if (renewTimer) clearTimeout(renewTimer)
    // Renew at half-life so a reconnect always finds a valid token in `params`.
    const delay = Math.max(timing.minRenewMs, (ticket.expiresAt - Date.now()) / 2)
    renewTimer = setTimeout(async () => {
      const next = await getTicket()
      if (!next || !provider) return
      provider.params = { token: next.token }
      scheduleRenewal(next)
    }, delay)
  }

  let markSynced: () => void = () => undefined
  const synced = new Promise<void>((resolve) => (markSynced = resolve))

  const ready = (async () => {
    const ticket = await getTicket()
    if (!ticket) throw new Error(`Could not connect: ${state}`)
    provider = new WebsocketProvider(ticket.url, boardId, doc, {
      params: { token: ticket.token },
      disableBc: true,
      // A little randomness per client spreads reconnects after a server restart.
      maxBackoffTime: (options.maxBackoffMs ?? 8000) * (0.75 + Math.random() / 2),
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    })
    speakOnlyForSelf(provider)
    scheduleRenewal(ticket)
    provider.on('status', ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
      // An open socket is not yet a connection: the server refuses a token after the upgrade
      // (closing with 4401), so counting the open as connected would show a refused client as
      // online and reset the refusal backoff on every attempt. The first sync decides, below.
      if (status === 'connected') return
      if (state !== 'signed-out' && state !== 'forbidden' && state !== 'not-found' && state !== 'doc-full') {
        setState(!isOnline() ? 'offline' : everConnected ? 'reconnecting' : 'connecting')
      }
    })
    provider.on('sync', (synced: boolean) => {
      if (!synced) return
      everConnected = true
      markSynced()
      refusedDelay = timing.refusedRetryMs
      setState('connected')
    })
    provider.on('closed', async ({ code }: { code: number; reason: string }) => {
      if (code === CloseCode.forbidden) return setState('forbidden')
      if (code === CloseCode.notFound) return setState('not-found')
      if (code === CloseCode.docTooLarge) {
        // Reconnecting would send the same refused change again at once, and be refused again,
        // forever. The board says so and waits until the person asks to try again (retryNow),
        // after they or the facilitator made room.
        setState('doc-full')
        await new Promise<void>((resolve) => {
          endPause = () => {
            endPause = null
            resolve()
          }
        })
        if (destroyed) return
      }
      // 4401 (stale token) and any other permanent close: a fresh ticket decides.
      setState('reconnecting')
      await pause(refusedDelay * (0.5 + Math.random()))
      refusedDelay = Math.min(refusedDelay * 2, timing.maxPauseMs)
      const next = await getTicket()
      if (!next || !provider || destroyed) return
      provider.params = { token: next.token }
      scheduleRenewal(next)
      provider.connect()
    })
    return provider
  })()
  ready.catch(() => undefined)

  return {
    get provider() {
      return provider
    },
    getState: () => state,
    onState(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    ready,
    synced,
    retryNow() {
      if (destroyed) return
      if (offlineCheck) return resume()
      if (endPause) return endPause()
      // The provider's own reconnect loop may be pausing between sockets (it has none then):
      // connect() opens one at once; a socket already open or opening is left alone.
      if (provider && provider.shouldConnect && provider.ws === null) provider.connect()
    },
    goneOffline() {
      if (destroyed || !provider || isOnline()) return
      if (state === 'connected' || state === 'reconnecting' || state === 'connecting') setState('offline')
      // disconnect() drops the socket at once and stops the provider's reconnect loop, which
      // could only fail while offline. The 'online' event (retryNow) resumes it, and so does a
      // slow check of isOnline(), should that event never come.
      provider.disconnect()
      if (offlineCheck) clearInterval(offlineCheck)
      offlineCheck = setInterval(() => {
        if (isOnline()) resume()
      }, timing.offlineCheckMs)
    },
    destroy() {
      destroyed = true
      if (offlineCheck) clearInterval(offlineCheck)
      if (renewTimer) clearTimeout(renewTimer)
      if (retryTimer) clearTimeout(retryTimer)
      listeners.clear()
      provider?.destroy()
    },
  }
}
