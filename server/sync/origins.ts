/**
 * Whose change a transaction is: every origin the sync server gives a Y.Doc transaction, in one
 * type. A client's change carries its {@link Connection} (tagged `kind: 'connection'`); every
 * change the server makes itself carries one of the constants below, each tagged with whose it
 * is. The guards and the room tell them apart only through this module.
 */
import type { WebSocket } from 'ws'
import type { Connection } from './connection'

/** An origin of the server's own changes. */
export interface ServerOrigin<Kind extends string = ServerOriginKind> {
  readonly kind: Kind
}

export type ServerOriginKind = 'load' | 'store' | 'remote' | 'server' | 'fill' | 'templateGuard' | 'sessionGuard' | 'layoutKeeper'

/** A transaction's origin: a client's socket, or the server itself. */
export type Origin = Connection | ServerOrigin

function serverOrigin<Kind extends ServerOriginKind>(kind: Kind): ServerOrigin<Kind> {
  return Object.freeze({ kind })
}

/** The room reading its document from the store when it loads (./Room.ts). */
export const LOAD_ORIGIN = serverOrigin('load')
/** Changes read from the store to catch up; the room forwards what they changed (./roomLink.ts). */
export const STORE_ORIGIN = serverOrigin('store')
/** Changes (and presence) another node published; the link forwards them to the sockets itself. */
export const REMOTE_ORIGIN = serverOrigin('remote')
/** Changes on the server's authority: imports, restores, facilitation commands (`changeDoc`). */
export const SERVER_ORIGIN = serverOrigin('server')
/** The room's own write of how full its document is (./docFill.ts). */
export const FILL_ORIGIN = serverOrigin('fill')
/** The template guard undoing what a client may not change (./templateGuard.ts). */
export const TEMPLATE_GUARD_ORIGIN = serverOrigin('templateGuard')
/** The session guard undoing a client's change to the facilitation state (./sessionGuard.ts). */
export const SESSION_GUARD_ORIGIN = serverOrigin('sessionGuard')
/** The layout keeper's repairs (./layoutKeeper.ts). */
export const LAYOUT_KEEPER_ORIGIN = serverOrigin('layoutKeeper')

/**
 * The origin y-protocols gives presence it drops for having timed out. It is its own (a
 * string), not ours: each node times out its own sockets' presence, so such changes are not
 * published.
 */
export const AWARENESS_TIMEOUT_ORIGIN = 'timeout'

/** True when a change came from a client's socket. */
export function isClient(origin: unknown): origin is Connection {
  return typeof origin === 'object' && origin !== null && (origin as { kind?: unknown }).kind === 'connection'
}

/** The socket a change came from, when it is still one of `connections`; else null. */
export function connectionOf(origin: unknown, connections: ReadonlyMap<WebSocket, Connection>): Connection | null {
  return isClient(origin) && connections.get(origin.socket) === origin ? origin : null
}
