/**
 * Who someone is and what they may do on a board: the one rule used by pages, route handlers
 * and the sync server (which re-checks it while sockets are open).
 *
 * Staff have accounts and per-board roles. Guests joined one board through an invite link;
 * they keep the invite's role while the invite is not revoked. (An invite's expiry ends
 * joining, not the visits of guests who already joined: a workshop may outlast the link.)
 */
import type { Store } from '../store/types'
import type { BoardRole } from './roles'

const GUEST_PREFIX = 'guest:'

export type Viewer =
  | { kind: 'staff'; userId: string; name: string }
  | { kind: 'guest'; guestId: string; name: string; boardId: string }

/** The user id a guest has in room tokens, presence and note authorship. */
export function guestUserId(guestId: string): string {
  return `${GUEST_PREFIX}${guestId}`
}

export function isGuestUserId(userId: string): boolean {
  return userId.startsWith(GUEST_PREFIX)
}

export function guestIdOf(userId: string): string | null {
  return isGuestUserId(userId) ? userId.slice(GUEST_PREFIX.length) : null
}

export function viewerUserId(viewer: Viewer): string {
  return viewer.kind === 'staff' ? viewer.userId : guestUserId(viewer.guestId)
}

/** The role this viewer has on the board now, or null for none. */
export async function roleOnBoard(store: Pick<Store, 'boards' | 'invites' | 'guests'>, viewer: Viewer, boardId: string): Promise<BoardRole | null> {
  if (viewer.kind === 'staff') return store.boards.roleOf(boardId, viewer.userId)
  if (viewer.boardId !== boardId) return null
  return guestRole(store, viewer.guestId, boardId)
}

/** The role of a user id as it appears in a room token (staff id or `guest:<id>`). */
export async function roleOfUserId(store: Pick<Store, 'boards' | 'invites' | 'guests'>, userId: string, boardId: string): Promise<BoardRole | null> {
  const guestId = guestIdOf(userId)
  return guestId ? guestRole(store, guestId, boardId) : store.boards.roleOf(boardId, userId)
}

async function guestRole(store: Pick<Store, 'boards' | 'invites' | 'guests'>, guestId: string, boardId: string): Promise<BoardRole | null> {
  const guest = await store.guests.get(guestId)
  if (!guest || guest.boardId !== boardId) return null
  const invite = await store.invites.get(guest.inviteId)
  if (!invite || invite.revokedAt !== null || invite.boardId !== boardId) return null
  // A deleted board is nobody's (staff roles say so in the store's roleOf).
  if (!(await store.boards.get(boardId))) return null
  return invite.role
}
