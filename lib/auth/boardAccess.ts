/**
 * Who someone is and what they may do on a board: the one rule used by pages, route handlers
 * and the sync server (which re-checks it while sockets are open).
 *
 * Staff have accounts and per-board roles. Guests joined one board through an invite link;
 * they keep the invite's role while the invite is not revoked. (An invite's expiry ends
 * joining, not the visits of guests who already joined: a workshop may outlast the link.)
 */
import type { InviteRecord, Store } from '../store/types'
import type { GuestPerson, SignedInPerson } from './person'
import type { BoardRole } from './roles'

const GUEST_PREFIX = 'guest:'

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

/**
 * A guest as they are now, read once: their name, board, invite link's branch and the role
 * the link gives (null once revoked). Null when the guest is gone.
 */
export async function readGuest(store: Pick<Store, 'invites' | 'guests'>, guestId: string): Promise<GuestPerson | null> {
  const guest = await store.guests.get(guestId)
  if (!guest) return null
  const invite = await store.invites.get(guest.inviteId)
  const open = invite !== null && invite.revokedAt === null && invite.boardId === guest.boardId
  return {
    kind: 'guest',
    id: guestUserId(guest.id),
    name: guest.name,
    label: invite?.label ?? null,
    guestId: guest.id,
    boardId: guest.boardId,
    inviteId: guest.inviteId,
    invitedAs: open ? invite.role : null,
  }
}

/** The role this person has on the board now, or null for none. */
export async function roleOnBoard(store: Pick<Store, 'boards'>, person: SignedInPerson, boardId: string): Promise<BoardRole | null> {
  if (person.kind === 'staff') return store.boards.roleOf(boardId, person.id)
  if (person.boardId !== boardId || person.invitedAs === null) return null
  // A deleted board is nobody's (staff roles say so in the store's roleOf).
  return (await store.boards.get(boardId)) ? person.invitedAs : null
}

/** The role of a user id as it appears in a room token (staff id or `guest:<id>`). */
export async function roleOfUserId(
  store: Pick<Store, 'boards' | 'invites' | 'guests'>,
  userId: string,
  boardId: string,
): Promise<BoardRole | null> {
  const guestId = guestIdOf(userId)
  if (!guestId) return store.boards.roleOf(boardId, userId)
  const guest = await readGuest(store, guestId)
  return guest ? roleOnBoard(store, guest, boardId) : null
}

/**
 * Whether an invite link still lets new people join (the join page and the guest sign-in both
 * ask): not revoked and not yet expired. Guests who already joined stay while it is not revoked.
 */
export function isInviteOpen(invite: Pick<InviteRecord, 'revokedAt' | 'expiresAt'>, now = Date.now()): boolean {
  return invite.revokedAt === null && invite.expiresAt > now
}
