/**
 * Every admission decision of the sync server, in one place: who may connect (their token's
 * role must still hold), who may stay (the same, asked again while the socket is open: see
 * ./revalidation.ts), how many sockets a room, a person and an invite link may hold, and what a
 * socket's frames and updates may cost before the room takes them. The limits themselves, and
 * the buckets that count against them, are in ./connectionLimits.ts; the room and the server
 * ask here and act on the answer.
 */
import { canEditNotes, type BoardRole } from '../../lib/auth/roles'
import { Closes } from '../../lib/sync/closeCodes'
import type { Connection, Principal } from './connection'
import { RefusedError, Refusals, type Refusal, type SyncLimits } from './connectionLimits'
import type { DocShares } from './docShares'
import type { DocSizeLimit } from './docSizeLimit'
import type { SendQueues } from './sendQueues'
import { refusedContent } from './updateContent'

/** Thrown by `authorize` to refuse a socket; the code reaches the client as the close code. */
export class SyncRefusal extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason)
    this.name = 'SyncRefusal'
  }
}

/** The principal's current role on its board, or null when they no longer have access. */
export type RoleCheck = (principal: Principal) => Promise<BoardRole | null>

/** {@link RoleCheck} for many principals of one board at once: their roles, in the same order. */
export type BoardRoleCheck = (boardId: string, principals: Principal[]) => Promise<(BoardRole | null)[]>

/** Why a principal whose current role is `role` may not stay, or null when they may. */
export function roleRefusal(principal: Principal, role: BoardRole | null): SyncRefusal | null {
  if (role === null) return new SyncRefusal(Closes.accessRevoked.code, Closes.accessRevoked.reason)
  if (role !== principal.role) return new SyncRefusal(Closes.roleChanged.code, Closes.roleChanged.reason)
  return null
}

/**
 * Who is connecting: whom `authorize` names, as long as the role their token names still
 * holds (when there is a `check`). Throws a {@link SyncRefusal} (or what `authorize` threw).
 */
export async function admitPrincipal(authorize: () => Promise<Principal>, check?: RoleCheck): Promise<Principal> {
  const authorized = await authorize()
  // A token outlives a removal by up to its lifetime: the role it names must still hold.
  const stale = check ? roleRefusal(authorized, await check(authorized)) : null
  if (stale) throw stale
  return authorized
}

/**
 * Whether a room has a place for one more socket of `principal`: the room's own cap, and one
 * per person, so that one member (a script, a runaway tab) cannot take every place, and one per
 * invite link (its guests' sockets on this node). The refusal and the limit it hit, or null.
 */
export function placeRefusal(
  connections: ReadonlyMap<unknown, Connection>,
  principal: Principal,
  limits: SyncLimits,
  sendQueues: SendQueues,
): { refusal: Refusal; limit: number } | null {
  let own = 0
  for (const connection of connections.values()) if (connection.principal.userId === principal.userId) own++
  if (connections.size >= limits.maxConnectionsPerRoom) return { refusal: Refusals.roomFull, limit: limits.maxConnectionsPerRoom }
  if (own >= limits.maxConnectionsPerPerson) return { refusal: Refusals.personFull, limit: limits.maxConnectionsPerPerson }
  if (principal.inviteId && sendQueues.socketsOfInvite(principal.inviteId) >= limits.maxConnectionsPerInvite) {
    return { refusal: Refusals.inviteFull, limit: limits.maxConnectionsPerInvite }
  }
  return null
}

/** Counts a frame a socket sent against its rates; the refusal when it may not be taken. */
export function frameRefusal(connection: Connection, bytes: number, isBinary: boolean): Refusal | null {
  const overLimit = connection.inbound.admit(bytes)
  if (overLimit) return overLimit
  if (!isBinary) return Refusals.textFrame
  return null
}

/** Counts a request for document state (sync step 1); throws when the socket asks too often. */
export function admitStateRequest(connection: Connection): void {
  if (!connection.stateRequests.take(1)) throw new RefusedError(Refusals.stateRequestRate)
}

/**
 * Whether a client's update may be applied: false for a role that may not edit (dropped
 * quietly); throws a {@link RefusedError} for content not allowed, a document that would grow
 * past its limit, or a person's or invite link's share used up. Parsing the whole update first
 * means a malformed one throws before it touches the doc, instead of half-way through
 * integrating it.
 */
export function admitUpdate(principal: Principal, update: Uint8Array, size: DocSizeLimit, shares: DocShares): boolean {
  if (!canEditNotes(principal.role)) return false
  const refused = refusedContent(update)
  if (refused !== null) throw new RefusedError(Refusals.refusedContent, { refused })
  if (!size.admits(update.byteLength)) throw new RefusedError(Refusals.docTooLarge)
  const { userId, inviteId = null } = principal
  if (!shares.admits({ userId, inviteId }, update.byteLength)) {
    throw new RefusedError(Refusals.shareFull, { used: shares.usedBy({ userId, inviteId }) })
  }
  return true
}
