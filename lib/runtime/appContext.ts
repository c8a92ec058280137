/**
 * The bridge from the server process to Next.js route handlers and server components.
 *
 * Next instantiates route modules itself, so they cannot be handed their dependencies the way
 * the sync server is. server/main.ts builds every service once and provides them here; route
 * code asks for them per request. Nothing here is created on import.
 */
import type * as Y from 'yjs'
import type { NewAuditEntry, SnapshotKind, SnapshotRecord, UserRecord, Store } from '../store/types'
import type { RoomTokens } from '../auth/roomToken'
import type { BoardRole } from '../auth/roles'
import type { StatementSettings } from '../docs/accessibilityStatement'
import type { OidcConfig } from '../env'
import type { RoundControl } from '../rounds/roundControl'

export type CredentialsResult =
  { ok: true; user: UserRecord } | { ok: false; reason: 'invalid' | 'rate-limited'; retryAfterSeconds?: number }

/** The header through which the server passes the client's address to route handlers. */
export const CLIENT_IP_HEADER = 'x-strategitavlan-client-ip'

export interface SyncControl {
  disconnect(match: (who: { userId: string; boardId: string; role: BoardRole }) => boolean, code: number, reason: string): number
  stats(): { rooms: number; connections: number }
  /**
   * Changes a document on the server's authority; resolves once the change is durable. A change
   * that adds content names about how many bytes (`addsBytes`): when the document has no room
   * for them it rejects with a DocFullError (lib/board/docFull.ts) and changes nothing.
   */
  changeDoc<T>(docId: string, change: (doc: Y.Doc) => T, options?: { addsBytes?: number }): Promise<T>
  /** Reads a document's current state. */
  readDoc<T>(docId: string, read: (doc: Y.Doc) => T): Promise<T>
}

/** Named snapshots of boards, kept in the store (server/snapshots). */
export interface SnapshotControl {
  /**
   * Saves the board's current document as a snapshot. Without a name, one is made from the
   * kind in the board's language ("Efter röstning" for `voting`).
   */
  take(boardId: string, name: string | null, by: { id: string; name: string } | null, kind?: SnapshotKind): Promise<SnapshotRecord>
  /**
   * Replaces the live document's content with the snapshot's (connected clients see it at
   * once), first keeping the state it replaces as a `restore` snapshot. Null when unknown.
   */
  restoreInPlace(
    boardId: string,
    snapshotId: string,
    by: { id: string; name: string },
  ): Promise<{ restored: SnapshotRecord; before: SnapshotRecord } | null>
  /** A new board with the snapshot's content and `by` as its facilitator. Null when unknown. */
  restoreAsNew(boardId: string, snapshotId: string, by: { id: string; name: string }): Promise<{ id: string } | null>
}

/** Who did something, as the audit log names them (a staff id or `guest:<id>`, and their name). */
export type AuditActor = { id: string; name: string }

/** Deleting, restoring and purging boards (server/boards/boardLifecycle.ts). */
export interface BoardLifecycleControl {
  /** Days a deleted board waits for its purge. */
  readonly graceDays: number
  /** Deletes the board (restorable for the grace period); false when unknown or already deleted. */
  remove(boardId: string, by: AuditActor | null, reason?: string): Promise<boolean>
  /** Undeletes a board still in its grace period; false when it is not deleted. */
  restore(boardId: string, by: AuditActor): Promise<boolean>
  /** Removes the board and everything it left at once; false when unknown. */
  purge(boardId: string, by: AuditActor): Promise<boolean>
}

/** A person's data and their removal (server/people/peopleService.ts). */
export interface PeopleControl {
  /**
   * Everything the installation holds about the person (a staff id or `guest:<id>`) as one
   * JSON-ready object, or null when there is no such person.
   */
  exportData(personId: string, by: AuditActor): Promise<Record<string, unknown> | null>
  /** Removes the person and erases their name everywhere; false when there is no such person. */
  remove(personId: string, by: AuditActor): Promise<boolean>
  /** Ends every session of the account and closes its sockets; false when there is no such account. */
  endSessions(personId: string, by: AuditActor): Promise<boolean>
}

export interface AppContext {
  store: Store
  roomTokens: RoomTokens
  /** Signs NextAuth sessions. */
  authSecret: string
  /** Public base URL when configured; otherwise derived from each request. */
  publicUrl: string | null
  tldrawLicenseKey: string | null
  /** Single sign-on, when configured. */
  oidc: OidcConfig | null
  /** Boards untouched for `days` are removed (null: never), facilitators warned `warningDays` before. */
  retention: { days: number | null; warningDays: number }
  /** Email and password sign-in is offered (PASSWORD_SIGNIN). */
  passwordSignIn: boolean
  /** Guests one invite link may make (GUESTS_PER_INVITE). */
  guestsPerInvite: number
  /**
   * Counts a new guest joining through `inviteId` from `clientIp`; false when that address has
   * made its hour's share of new guests through the link (GUESTS_PER_ADDRESS_PER_HOUR).
   */
  admitNewGuest(inviteId: string, clientIp: string): Promise<boolean>
  /** The organisation and contact the accessibility statement names. */
  accessibility: StatementSettings
  /**
   * Checks an email and password for a sign-in from `clientIp`. Unknown emails cost the same
   * time as wrong passwords; attempts are rate limited per IP and per account.
   */
  verifyCredentials(email: string, password: string, clientIp: string): Promise<CredentialsResult>
  sync: SyncControl
  snapshots: SnapshotControl
  boards: BoardLifecycleControl
  people: PeopleControl
  /** Planning rounds across branches (server/rounds/roundService.ts). */
  rounds: RoundControl
  /**
   * Records an action in the audit log. Never throws: a failed write is logged, and the action
   * it describes has already happened. No note text or passwords belong in an entry.
   */
  audit(entry: NewAuditEntry): Promise<void>
  /** Called when a facilitator ends a voting round (e.g. to keep a snapshot of the result). */
  onVotingEnded?(boardId: string, roundId: string, by: { id: string; name: string }): Promise<void>
}

const KEY = Symbol.for('strategitavlan.appContext')
type Holder = { [KEY]?: AppContext }

export function provideAppContext(context: AppContext): void {
  ;(globalThis as Holder)[KEY] = context
}

export function getAppContext(): AppContext {
  const context = (globalThis as Holder)[KEY]
  if (!context) {
    throw new Error('Strategitavlan services are not running: start the app with `npm start` (server/main.ts).')
  }
  return context
}
