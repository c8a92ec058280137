/**
 * A person: the one identity the app carries from the session (app/_lib/session.ts) to the room
 * token (roomToken.ts), the sync server's socket (server/sync's Principal) and the board's
 * presence (components/board/presence.ts). Each of those is this type, or part of it with a
 * role on one board added; none defines a person of its own.
 *
 * Staff have accounts; guests joined one board through an invite link and have no account.
 * Both are known everywhere by `id`: the account's id, or `guest:<guestId>` (`guestUserId`).
 */
import type { BoardRole } from './roles'

export interface Person {
  /** A staff account's id, or `guest:<guestId>` for a guest. */
  id: string
  name: string
  kind: 'staff' | 'guest'
  /** A guest's branch (their invite link's label, e.g. "Filial Skärholmen"), shown with their name; null for staff. */
  label: string | null
}

/** Someone with an account. */
export interface StaffPerson extends Person {
  kind: 'staff'
  label: null
  email: string
  isAdmin: boolean
}

/** Someone who joined one board through an invite link. */
export interface GuestPerson extends Person {
  kind: 'guest'
  guestId: string
  boardId: string
  inviteId: string
  /** The role their invite link gives them on their board now: null once it is revoked. */
  invitedAs: BoardRole | null
}

/** The signed-in person of a request, as the session knows them. */
export type SignedInPerson = StaffPerson | GuestPerson

/**
 * A person with their role on one board: what a room token grants and the sync server's socket
 * carries. Named `userId` there (the token's subject, a note's author), it is the person's `id`.
 */
export interface PersonOnBoard {
  userId: Person['id']
  name: Person['name']
  boardId: string
  role: BoardRole
}

/** Only what the browser is told of the signed-in person (no email, no invite). */
export function publicPerson(person: Person): Person {
  return { id: person.id, name: person.name, kind: person.kind, label: person.label }
}
