/**
 * What the SQLite and PostgreSQL stores share: the rows both read back (same columns, same
 * types once pg reads BIGINT as numbers), how those become records, how new records are made,
 * and how people are ordered. SQL text and what differs per database (users' `is_admin` is an
 * integer in SQLite and a boolean in PostgreSQL) stay in each store.
 */
import type { BoardRole } from '../../lib/auth/roles'
import { newId } from '../../lib/ids'
import { toLocale } from '../../lib/i18n/locales'
import type {
  AuditAction,
  AuditEntry,
  BoardAccess,
  BoardMember,
  NewAuditEntry,
  NewBoard,
  BoardRecord,
  GuestRecord,
  InviteRecord,
  NewInvite,
  NewSnapshot,
  SnapshotKind,
  SnapshotRecord,
} from '../../lib/store/types'

export interface BoardRow {
  id: string
  name: string
  locale: string
  created_by: string | null
  created_at: number
  updated_at: number
  archived_at: number | null
  deleted_at: number | null
}

export interface MemberRow {
  user_id: string
  name: string
  email: string
  role: BoardRole
}

export interface InviteRow {
  id: string
  board_id: string
  role: BoardRole
  label: string | null
  created_by: string
  created_at: number
  expires_at: number
  revoked_at: number | null
}

export interface GuestRow {
  id: string
  board_id: string
  invite_id: string
  name: string
  created_at: number
}

export interface SnapshotRow {
  id: string
  board_id: string
  name: string
  kind: SnapshotKind
  created_by: string | null
  created_by_name: string | null
  created_at: number
  note_count: number
  bytes: number
}

export interface AuditRow {
  seq: number
  at: number
  actor_id: string | null
  actor_name: string | null
  action: AuditAction
  board_id: string | null
  target_id: string | null
  detail: string | null
}

export const toAuditEntry = (row: AuditRow): AuditEntry => ({
  seq: row.seq,
  at: row.at,
  actor: row.actor_id !== null ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
  action: row.action,
  boardId: row.board_id,
  targetId: row.target_id,
  detail: row.detail,
})

/** The columns of a new audit entry, in the order both stores insert them. */
export const auditValues = (entry: NewAuditEntry) => [
  entry.at ?? Date.now(),
  entry.actor?.id ?? null,
  entry.actor?.name ?? null,
  entry.action,
  entry.boardId,
  entry.targetId,
  entry.detail,
]

export const INVITE_COLUMNS = 'id, board_id, role, label, created_by, created_at, expires_at, revoked_at'

export const toBoard = (row: BoardRow): BoardRecord => ({
  id: row.id,
  name: row.name,
  locale: toLocale(row.locale),
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  archivedAt: row.archived_at ?? null,
  deletedAt: row.deleted_at ?? null,
})

/** The record of a board just created. */
export const newBoardRecord = (id: string, board: NewBoard, at: number): BoardRecord => ({
  id,
  name: board.name,
  locale: board.locale,
  createdBy: board.createdBy,
  createdAt: at,
  updatedAt: at,
  archivedAt: null,
  deletedAt: null,
})

export const toMember = (row: MemberRow): BoardMember => ({
  userId: row.user_id,
  name: row.name,
  email: row.email,
  role: row.role,
})

export const toInvite = (row: InviteRow): InviteRecord => ({
  id: row.id,
  boardId: row.board_id,
  role: row.role,
  label: row.label,
  createdBy: row.created_by,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  revokedAt: row.revoked_at,
})

export const toGuest = (row: GuestRow): GuestRecord => ({
  id: row.id,
  boardId: row.board_id,
  inviteId: row.invite_id,
  name: row.name,
  createdAt: row.created_at,
})

export const toSnapshot = (row: SnapshotRow): SnapshotRecord => ({
  id: row.id,
  boardId: row.board_id,
  name: row.name,
  kind: row.kind,
  createdBy: row.created_by !== null ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
  createdAt: row.created_at,
  noteCount: row.note_count,
  bytes: row.bytes,
})

/** The record of an invite about to be stored (its token hash is stored, never returned). */
export const newInviteRecord = (invite: NewInvite): InviteRecord => ({
  id: newId(),
  boardId: invite.boardId,
  role: invite.role,
  label: invite.label,
  createdBy: invite.createdBy,
  createdAt: Date.now(),
  expiresAt: invite.expiresAt,
  revokedAt: null,
})

export const newGuestRecord = (guest: { boardId: string; inviteId: string; name: string }): GuestRecord => ({
  id: newId(),
  boardId: guest.boardId,
  inviteId: guest.inviteId,
  name: guest.name.trim(),
  createdAt: Date.now(),
})

/** The record of a snapshot about to be stored (its state is stored, never returned here). */
export const newSnapshotRecord = (snapshot: NewSnapshot): SnapshotRecord => ({
  id: newId(),
  boardId: snapshot.boardId,
  name: snapshot.name,
  kind: snapshot.kind,
  createdBy: snapshot.createdBy ? { id: snapshot.createdBy.id, name: snapshot.createdBy.name } : null,
  createdAt: snapshot.createdAt ?? Date.now(),
  noteCount: snapshot.noteCount,
  bytes: snapshot.state.byteLength,
})

/**
 * People are listed in Swedish alphabetical order whatever the database's collation (SQLite's
 * NOCASE folds only A–Z and would sort Ä before Å), so every store orders them alike.
 */
const byName = new Intl.Collator('sv', { sensitivity: 'base' }).compare

/** Users by name, then email. */
export const compareUsers = (a: { name: string; email: string }, b: { name: string; email: string }): number =>
  byName(a.name, b.name) || a.email.localeCompare(b.email)

const rank = (member: BoardMember) => (member.role === 'facilitator' ? 0 : 1)

/** A board's members: facilitators first, then by name and email. */
export const compareMembers = (a: BoardMember, b: BoardMember): number => rank(a) - rank(b) || compareUsers(a, b)

/**
 * Tables in the order a dump is loaded (parents before the rows that point at them). Tables a
 * later version adds and this list lacks are dumped and loaded after these.
 */
export const DUMP_ORDER = [
  'secrets',
  'users',
  'boards',
  'board_members',
  'rounds',
  'round_facilitators',
  'round_boards',
  'invites',
  'guests',
  'doc_snapshots',
  'doc_updates',
  'board_snapshots',
  'audit_log',
]

/** The tables of a dump in load order. */
export function inDumpOrder(tables: readonly string[]): string[] {
  const known = DUMP_ORDER.filter((table) => tables.includes(table))
  return [...known, ...tables.filter((table) => !DUMP_ORDER.includes(table)).sort()]
}

/** A row of `boards.accessOf`'s query: a staff member's role and session end, or a guest's role. */
export interface AccessRow {
  kind: 'staff' | 'guest'
  id: string
  role: BoardRole
  sessions_valid_after: number | null
}

export function accessFromRows(rows: AccessRow[]): BoardAccess {
  const access: BoardAccess = { staff: new Map(), guests: new Map() }
  for (const row of rows) {
    if (row.kind === 'staff') access.staff.set(row.id, { role: row.role, sessionsValidAfter: row.sessions_valid_after ?? 0 })
    else access.guests.set(row.id, row.role)
  }
  return access
}
