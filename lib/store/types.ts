/**
 * The persistence contract. The sync server sees only {@link DocStore}; route handlers and
 * the server's start-up see the whole {@link Store}. SQLite implements it now (server/store);
 * PostgreSQL implements the same interface and passes the same test suite.
 */
import type { PersonOnBoard, StaffPerson } from '../auth/person'
import type { BoardRole } from '../auth/roles'
import type { Locale } from '../i18n/locales'

export interface UserRecord {
  id: string
  email: string
  name: string
  passwordHash: string | null
  isAdmin: boolean
  locale: Locale | null
  createdAt: number
  /** Sessions signed in before this moment (epoch ms) are over: "sign out everywhere". 0 when never. */
  sessionsValidAfter: number
}

export interface BoardRecord {
  id: string
  name: string
  locale: Locale
  createdBy: string | null
  createdAt: number
  updatedAt: number
  /** When a facilitator archived it (out of the everyday list, still open); null when not. */
  archivedAt: number | null
  /** When it was deleted; it is purged for good after the grace period. Null when not deleted. */
  deletedAt: number | null
}

export interface BoardWithRole extends BoardRecord {
  role: BoardRole
}

export interface StoredDoc {
  /** The compacted state, or null before the first compaction. */
  snapshot: Uint8Array | null
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Sequence number of the last update included above (0 when none). */
  lastSeq: number
}

/**
 * Yjs documents by name: a board's own document is named by the board id, its private
 * documents as lib/board/docIds.ts says.
 */
export interface DocStore {
  loadDoc(docId: string): Promise<StoredDoc>
  /**
   * Appends updates durably, in order, in one transaction. When the promise resolves the
   * updates survive a crash of this process. Returns the sequence number of the last one.
   */
  appendUpdates(docId: string, updates: readonly Uint8Array[]): Promise<number>
  /**
   * Replaces every update up to and including `throughSeq` with `snapshot`, which must
   * contain all of them. Updates appended meanwhile are kept.
   */
  compactDoc(docId: string, snapshot: Uint8Array, throughSeq: number): Promise<void>
  /** Size of the stored document (snapshot and pending updates), for limits and metrics. */
  docSize(docId: string): Promise<{ bytes: number; updates: number }>
  /** Names of the stored documents starting with `prefix` (e.g. a board's private ones). */
  listDocIds(prefix: string): Promise<string[]>
}

export interface NewUser {
  email: string
  name: string
  passwordHash: string | null
  isAdmin?: boolean
}

export interface UserStore {
  create(user: NewUser): Promise<UserRecord>
  get(id: string): Promise<UserRecord | null>
  findByEmail(email: string): Promise<UserRecord | null>
  count(): Promise<number>
  /** Every account, ordered by name (for the admin page). */
  list(): Promise<UserRecord[]>
  setLocale(id: string, locale: Locale): Promise<void>
  setPassword(id: string, passwordHash: string): Promise<void>
  /** Makes the account an administrator or not (single sign-on's admin group decides it). */
  setAdmin(id: string, isAdmin: boolean): Promise<void>
  /** Ends every session signed in before `at` (the account's "sign out everywhere"). */
  endSessions(id: string, at: number): Promise<void>
  /**
   * Removes the account and its board roles, and erases its name where the store kept it
   * beside its id (snapshots' takers, the audit log's actors) — those now read `erasedName`.
   * What remains is a row with the id alone (no name, email or password), so that invites the
   * person created stay valid for the guests who joined through them; `get`, `findByEmail`,
   * `list` and `count` no longer see it. Resolves false when there was no such account.
   */
  remove(id: string, erasedName: string): Promise<boolean>
}

export interface NewBoard {
  name: string
  locale: Locale
  createdBy: string
  /** The board's first document state (a Yjs update). */
  initialState: Uint8Array
}

/** A staff account with its role on a board (guests are not listed: they hold no role of their own). */
export interface BoardMember extends Pick<PersonOnBoard, 'userId' | 'name' | 'role'>, Pick<StaffPerson, 'email'> {}

/** What {@link BoardStore.accessOf} answers. */
export interface BoardAccess {
  /** Staff with a role on the board, by user id; `sessionsValidAfter` in ms, as on {@link UserRecord}. */
  staff: Map<string, { role: BoardRole; sessionsValidAfter: number }>
  /** Guests whose invite to the board still holds, by guest id (without the `guest:` prefix). */
  guests: Map<string, BoardRole>
}

export interface BoardStore {
  /** Creates the board, its first document state and its creator's facilitator role at once. */
  create(board: NewBoard): Promise<BoardRecord>
  /** The board, or null when unknown — or deleted, unless `includeDeleted` (for administrators). */
  get(id: string, options?: { includeDeleted?: boolean }): Promise<BoardRecord | null>
  listForUser(userId: string): Promise<BoardWithRole[]>
  roleOf(boardId: string, userId: string): Promise<BoardRole | null>
  /**
   * Many people's access to one board, asked in one query (the sync server re-checks every
   * open socket of a board at once): each staff member's role and when their sessions were last
   * ended, and each guest's role through their invite. Whoever has no role now (not a member, a
   * revoked invite, a deleted board, unknown) is left out.
   */
  accessOf(boardId: string, people: { staffIds: string[]; guestIds: string[] }): Promise<BoardAccess>
  /** Adds the user to the board with this role, or changes their role. */
  setRole(boardId: string, userId: string, role: BoardRole): Promise<void>
  /** Takes the user's role away; resolves false when they had none. */
  removeMember(boardId: string, userId: string): Promise<boolean>
  /** Staff members with their roles, facilitators first, then by name. */
  members(boardId: string): Promise<BoardMember[]>
  /** Records a change of the board at `at` (and clears a retention warning: it is in use). */
  touch(boardId: string, at?: number): Promise<void>
  /** Renames a board; resolves false when there is no such board. */
  rename(boardId: string, name: string): Promise<boolean>
  /** Archives the board at `at`, or takes it out of the archive with null. */
  setArchived(boardId: string, at: number | null): Promise<boolean>
  /**
   * Deletes the board at `at` (nobody has a role on it any more: roleOf answers null, lists
   * leave it out), or restores it with null. The rows stay until {@link purge}.
   */
  setDeleted(boardId: string, at: number | null): Promise<boolean>
  /** Every board, deleted ones included, newest change first (for administrators). */
  listAll(): Promise<BoardRecord[]>
  /**
   * Removes the board and everything kept for it: roles, invites and their guests, named
   * snapshots, and its own and its private documents (snapshot and update log).
   */
  purge(boardId: string): Promise<void>
  /** Boards (not deleted) whose last change was before `before`, with when their facilitators were warned. */
  listUntouchedSince(before: number): Promise<(BoardRecord & { retentionWarnedAt: number | null })[]>
  /** Records the retention warning (null clears it, when the board is used again). */
  setRetentionWarned(boardId: string, at: number | null): Promise<void>
}

/** A link that lets people without an account join one board as guests. */
export interface InviteRecord {
  id: string
  boardId: string
  role: BoardRole
  /** E.g. "Filial Skärholmen"; shown to the facilitator and on guests' presence. */
  label: string | null
  createdBy: string
  createdAt: number
  expiresAt: number
  revokedAt: number | null
}

export interface NewInvite {
  boardId: string
  role: BoardRole
  label: string | null
  createdBy: string
  expiresAt: number
  /** SHA-256 of the link's secret token (hex); the token itself is never stored. */
  tokenHash: string
}

export interface InviteStore {
  create(invite: NewInvite): Promise<InviteRecord>
  get(id: string): Promise<InviteRecord | null>
  findByTokenHash(tokenHash: string): Promise<InviteRecord | null>
  /** A board's invites, newest first, revoked ones included. */
  listForBoard(boardId: string): Promise<InviteRecord[]>
  /** Marks the invite revoked; resolves false when it was unknown or already revoked. */
  revoke(id: string, at?: number): Promise<boolean>
  /** Invites this person created, on any board, newest first (for their data export). */
  listCreatedBy(userId: string): Promise<InviteRecord[]>
}

/** Someone who joined a board through an invite link, under a display name, without an account. */
export interface GuestRecord {
  id: string
  boardId: string
  inviteId: string
  name: string
  createdAt: number
}

export interface GuestStore {
  create(guest: { boardId: string; inviteId: string; name: string }): Promise<GuestRecord>
  get(id: string): Promise<GuestRecord | null>
  listForInvite(inviteId: string): Promise<GuestRecord[]>
  /** Gives the guest the display name they joined under again. Resolves false when unknown. */
  rename(id: string, name: string): Promise<boolean>
  /** Removes the guest (their session ends with it). Resolves false when unknown. */
  remove(id: string): Promise<boolean>
}

/** Why a snapshot was taken: by hand, by the timer, at the end of a voting round, or before a restore. */
export const SNAPSHOT_KINDS = ['manual', 'auto', 'voting', 'restore'] as const
export type SnapshotKind = (typeof SNAPSHOT_KINDS)[number]

/** A named copy of a board's document at one moment, kept in the database. */
export interface SnapshotRecord {
  id: string
  boardId: string
  name: string
  kind: SnapshotKind
  /** Who took it (a staff id or `guest:<id>`, with the name shown); null for the server's own. */
  createdBy: { id: string; name: string } | null
  createdAt: number
  noteCount: number
  /** Size of the stored state in bytes. */
  bytes: number
}

export interface SnapshotWithState extends SnapshotRecord {
  /** The document as one Yjs update (`Y.encodeStateAsUpdate`). */
  state: Uint8Array
}

export interface NewSnapshot {
  boardId: string
  name: string
  kind: SnapshotKind
  createdBy: { id: string; name: string } | null
  noteCount: number
  state: Uint8Array
  /** Defaults to now; injectable for tests. */
  createdAt?: number
}

export interface SnapshotStore {
  create(snapshot: NewSnapshot): Promise<SnapshotRecord>
  /** A board's snapshots without their state, newest first. */
  list(boardId: string): Promise<SnapshotRecord[]>
  /** One snapshot with its state, or null when it is unknown or belongs to another board. */
  get(boardId: string, id: string): Promise<SnapshotWithState | null>
  /** Resolves false when it was unknown or belongs to another board. */
  delete(boardId: string, id: string): Promise<boolean>
  /** Snapshots this person (staff id or `guest:<id>`) took, on any board, without their state. */
  listCreatedBy(userId: string): Promise<SnapshotRecord[]>
  /** Replaces a snapshot's state (erasing a removed person's name from it); false when unknown. */
  replaceState(boardId: string, id: string, state: Uint8Array): Promise<boolean>
  /** Automatic snapshots of a board taken before `before`; resolves how many were deleted. */
  deleteAutoBefore(boardId: string, before: number): Promise<number>
}

/** What the audit log records. No note text, no passwords, ever. */
export const AUDIT_ACTIONS = [
  'sign-in',
  'sign-in-failed',
  'sessions-ended',
  'board-created',
  'board-renamed',
  'board-archived',
  'board-unarchived',
  'board-deleted',
  'board-restored',
  'board-purged',
  'board-imported',
  'board-exported',
  'board-shared',
  'member-removed',
  'invite-created',
  'invite-revoked',
  'snapshot-restored',
  'author-notes-removed',
  'person-removed',
  'data-exported',
  'retention-warned',
  'round-created',
  'round-board-added',
  'round-facilitator-added',
  'round-note-promoted',
  'round-exported',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditEntry {
  seq: number
  at: number
  /** Who did it (a staff id, `guest:<id>`, or null for the server itself) and their name then. */
  actor: { id: string; name: string } | null
  action: AuditAction
  boardId: string | null
  /** Whom or what else it concerned: a person's id, a snapshot's, an invite's. */
  targetId: string | null
  /** A short fact without content (a format, a role, a reason). */
  detail: string | null
}

export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'at'> & { at?: number }

export interface AuditStore {
  append(entry: NewAuditEntry): Promise<void>
  /** Entries newest first; `before` pages on by sequence number. */
  list(options?: { limit?: number; before?: number; actorId?: string; boardId?: string }): Promise<AuditEntry[]>
  /** Entries done by or concerning this person, oldest first (for their data export). */
  listAbout(personId: string): Promise<AuditEntry[]>
  /** Deletes entries older than `before`; resolves how many. */
  deleteBefore(before: number): Promise<number>
}

/** A board's part in a planning round: the central board the plan is built on, or a branch's. */
export const ROUND_BOARD_KINDS = ['central', 'branch'] as const
export type RoundBoardKind = (typeof ROUND_BOARD_KINDS)[number]

/**
 * A planning round (issue 18): one plan made from many boards — a board per branch, each run in
 * its own workshop, rolled up into a central board.
 */
export interface RoundRecord {
  id: string
  name: string
  /** The period the plan covers, in words ("2027", "VT 2027"). */
  period: string
  /** The board template version its boards were made from (lib/board/template.ts). */
  templateVersion: number
  createdBy: string | null
  createdAt: number
}

export interface NewRound {
  name: string
  period: string
  templateVersion: number
  /** Becomes the round's first facilitator. */
  createdBy: string
}

export interface RoundBoardRecord {
  roundId: string
  boardId: string
  kind: RoundBoardKind
  /** The branch (or staff group) the board is for; the central board's is the round's own name. */
  branch: string
  addedAt: number
  /** When the branch marked its board done; null while it works. */
  doneAt: number | null
}

export interface RoundStore {
  /** Creates the round with its creator as its first facilitator. */
  create(round: NewRound): Promise<RoundRecord>
  get(id: string): Promise<RoundRecord | null>
  /** Rounds this person facilitates, newest first. */
  listForUser(userId: string): Promise<RoundRecord[]>
  isFacilitator(roundId: string, userId: string): Promise<boolean>
  addFacilitator(roundId: string, userId: string): Promise<void>
  /** User ids of the round's facilitators. */
  facilitators(roundId: string): Promise<string[]>
  /** Adds a board to the round; a round has at most one central board, a board is in a round once. */
  addBoard(roundId: string, board: { boardId: string; kind: RoundBoardKind; branch: string }): Promise<RoundBoardRecord>
  /** The round's boards that are not deleted: the central one first, then branches by name. */
  boards(roundId: string): Promise<RoundBoardRecord[]>
  /** Marks a board of the round done (or not, with null); false when it is not in the round. */
  setDone(roundId: string, boardId: string, at: number | null): Promise<boolean>
  /** The rounds a board is part of. */
  roundsOfBoard(boardId: string): Promise<RoundBoardRecord[]>
}

/** Every row of every table, by table name, for backups (binary columns as Uint8Array). */
export type StoreDump = Record<string, Record<string, unknown>[]>

export interface Store {
  readonly kind: 'sqlite' | 'postgres'
  readonly users: UserStore
  readonly boards: BoardStore
  readonly invites: InviteStore
  readonly guests: GuestStore
  readonly docs: DocStore
  readonly snapshots: SnapshotStore
  readonly audit: AuditStore
  readonly rounds: RoundStore
  /** Every row of every table (for `npm run backup`). */
  dump(): Promise<StoreDump>
  /** Fills an empty store from a dump (for `npm run restore`); refuses a store that has users or boards. */
  load(dump: StoreDump): Promise<void>
  /** A named secret generated once and kept (e.g. the session key when AUTH_SECRET is unset). */
  getOrCreateSecret(name: string, generate: () => string): Promise<string>
  /** Checks that the database answers (for health checks). */
  ping(): Promise<void>
  close(): Promise<void>
}
