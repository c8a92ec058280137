/**
 * Who a socket speaks for ({@link Principal}, from its room token) and what the room keeps for
 * each socket ({@link Connection}). A connection is also the origin of the transactions its
 * updates make (./origins.ts).
 */
import type { WebSocket } from 'ws'
import type { Person, PersonOnBoard } from '../../lib/auth/person'
import type { AwarenessThrottle } from './awarenessThrottle'
import type { InboundRate, TokenBucket } from './connectionLimits'

export interface Principal extends PersonOnBoard {
  /** The room (document) this socket is in: the board's own, or a private one of the board. */
  room: string
  /** For a guest, the invite link they joined through: its guests share some limits. */
  inviteId?: string | null
  /** For a guest, their invite link's label (a branch), shown in presence; null for staff. */
  label?: Person['label']
  /** When its room token was minted (epoch ms): sessions ended after that close the socket. */
  issuedAt?: number
}

export interface Connection {
  /** Tags a connection among transaction origins (./origins.ts). */
  readonly kind: 'connection'
  readonly socket: WebSocket
  readonly principal: Principal
  /** Awareness client ids this socket has announced; removed when it leaves. */
  readonly awarenessIds: Set<number>
  /** What this socket may still send, by message count and bytes. */
  readonly inbound: InboundRate
  /** Its presence updates, relayed at a bounded rate. */
  readonly presence: AwarenessThrottle
  /** Requests for document state (sync step 1) it may still make. */
  readonly stateRequests: TokenBucket
  /** Messages that arrived while the room was still loading. */
  backlog: Uint8Array[] | null
  /** Why the guards undid part of the update being applied: its socket is then closed. */
  violation: string | null
  alive: boolean
}
