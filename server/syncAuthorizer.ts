/**
 * Who may open a board's sync room: a valid room token for exactly that board, for a board
 * that exists, from an allowed page origin. Every refusal carries a 44xx close code that stops
 * the stock client from retrying.
 */
import { RoomTokenError, type RoomTokens } from '../lib/auth/roomToken'
import { parseDocId } from '../lib/board/docIds'
import { guestIdOf } from '../lib/auth/boardAccess'
import type { BoardStore, GuestStore, InviteStore } from '../lib/store/types'
import { CloseCode } from './sync/protocol'
import type { AuthorizeRequest } from './sync/createSyncServer'
import { SyncRefusal } from './sync/admission'
import type { Principal } from './sync/connection'

export interface SyncAuthorizerOptions {
  roomTokens: RoomTokens
  boards: BoardStore
  /** Where a guest's invite link is found (guests of one link share some limits). */
  guests?: Pick<GuestStore, 'get'>
  /** Where a guest's invite link's label (a branch) is read, for their presence. */
  invites?: Pick<InviteStore, 'get'>
  /**
   * Origins whose pages may open sockets (e.g. `https://tavla.example.se`). Requests without
   * an Origin header (native clients, bots on the server) are judged by their token alone.
   * Null allows any origin whose host matches the request's Host header.
   */
  allowedOrigins: readonly string[] | null
}

export function createSyncAuthorizer(options: SyncAuthorizerOptions) {
  return async function authorize({ room, token, origin, request }: AuthorizeRequest): Promise<Principal> {
    const doc = parseDocId(room)
    const { boardId } = doc
    if (origin && !originAllowed(origin, options.allowedOrigins, request.headers.host)) {
      throw new SyncRefusal(CloseCode.forbidden, 'origin not allowed')
    }
    let claims
    try {
      claims = await options.roomTokens.verify(token, boardId)
    } catch (error) {
      if (error instanceof RoomTokenError && error.reason === 'wrong-board') {
        throw new SyncRefusal(CloseCode.forbidden, 'token is for another board')
      }
      throw new SyncRefusal(CloseCode.unauthenticated, error instanceof RoomTokenError ? `token ${error.reason}` : 'token invalid')
    }
    const board = await options.boards.get(boardId)
    if (!board) throw new SyncRefusal(CloseCode.notFound, 'no such board')
    // A private document is its owner's alone.
    if (doc.kind === 'private' && doc.userId !== claims.userId) {
      throw new SyncRefusal(CloseCode.forbidden, "another person's private notes")
    }
    const guestId = guestIdOf(claims.userId)
    const guest = guestId !== null && options.guests ? await options.guests.get(guestId) : null
    const invite = guest && options.invites ? await options.invites.get(guest.inviteId) : null
    return {
      userId: claims.userId,
      name: claims.name,
      role: claims.role,
      boardId,
      room,
      issuedAt: claims.issuedAt,
      inviteId: guest?.inviteId ?? null,
      label: invite?.label ?? null,
    }
  }
}

function originAllowed(origin: string, allowed: readonly string[] | null, host: string | undefined): boolean {
  if (allowed) return allowed.includes(origin)
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
