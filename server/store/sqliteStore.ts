/**
 * The embedded store: one SQLite file in WAL mode. Writes are synchronous and each append is
 * committed with `synchronous = FULL`, so an update is on disk once its append returns (the sync
 * server appends each batch right after forwarding it, see server/sync/DurableUpdates.ts).
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { BoardRole } from '../../lib/auth/roles'
import { normalizeEmail } from '../../lib/auth/email'
import { newId } from '../../lib/ids'
import { toLocale, type Locale } from '../../lib/i18n/locales'
import type { BoardMember, BoardWithRole, Store, UserRecord } from '../../lib/store/types'
import { asBytes } from './bytes'
import {
  accessFromRows,
  compareMembers,
  compareUsers,
  newBoardRecord,
  toBoard,
  toMember,
  type AccessRow,
  type BoardRow,
  type MemberRow,
} from './rows'
import { openSqliteAuditStore } from './sqliteAuditStore'
import { openSqliteBoardLifecycle, userRemoval } from './sqliteBoardLifecycle'
import { openSqliteDump } from './sqliteDump'
import { openSqliteInviteStores } from './sqliteInviteStore'
import { openSqliteSnapshotStore } from './sqliteSnapshotStore'
import { openSqliteRoundStore } from './sqliteRoundStore'
import { SQLITE_MIGRATIONS } from './sqliteMigrations'

interface UserRow {
  id: string
  email: string
  name: string
  password_hash: string | null
  is_admin: number
  locale: string | null
  created_at: number
  sessions_valid_after: number
}

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  passwordHash: row.password_hash,
  isAdmin: row.is_admin === 1,
  locale: row.locale ? toLocale(row.locale) : null,
  createdAt: row.created_at,
  sessionsValidAfter: row.sessions_valid_after,
})

export function openSqliteStore(file: string): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)

  const q = {
    userInsert: db.prepare('INSERT INTO users (id, email, name, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ? AND removed_at IS NULL'),
    userByEmail: db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ? AND removed_at IS NULL'),
    userCount: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users WHERE removed_at IS NULL'),
    userList: db.prepare<[], UserRow>('SELECT * FROM users WHERE removed_at IS NULL'),
    userAdmin: db.prepare('UPDATE users SET is_admin = ? WHERE id = ? AND removed_at IS NULL'),
    userEndSessions: db.prepare('UPDATE users SET sessions_valid_after = MAX(sessions_valid_after, ?) WHERE id = ?'),
    userLocale: db.prepare('UPDATE users SET locale = ? WHERE id = ?'),
    userPassword: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    boardInsert: db.prepare('INSERT INTO boards (id, name, locale, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
    boardById: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
    boardsForUser: db.prepare<[string], BoardRow & { role: BoardRole }>(
      `SELECT b.*, m.role FROM boards b JOIN board_members m ON m.board_id = b.id
       WHERE m.user_id = ? AND b.deleted_at IS NULL ORDER BY b.updated_at DESC`,
    ),
    boardTouch: db.prepare('UPDATE boards SET updated_at = ?, retention_warned_at = NULL WHERE id = ?'),
    roleOf: db.prepare<[string, string], { role: BoardRole }>(
      `SELECT m.role FROM board_members m JOIN boards b ON b.id = m.board_id
       WHERE m.board_id = ? AND m.user_id = ? AND b.deleted_at IS NULL`,
    ),
    // The ids come as one JSON array each, so one prepared statement serves any number of them.
    accessOf: db.prepare<[string, string, string, string], AccessRow>(
      `SELECT 'staff' AS kind, m.user_id AS id, m.role, u.sessions_valid_after
         FROM board_members m JOIN boards b ON b.id = m.board_id JOIN users u ON u.id = m.user_id
        WHERE m.board_id = ? AND b.deleted_at IS NULL AND m.user_id IN (SELECT value FROM json_each(?))
       UNION ALL
       SELECT 'guest', g.id, i.role, NULL
         FROM guests g JOIN invites i ON i.id = g.invite_id AND i.board_id = g.board_id JOIN boards b ON b.id = g.board_id
        WHERE g.board_id = ? AND b.deleted_at IS NULL AND i.revoked_at IS NULL AND g.id IN (SELECT value FROM json_each(?))`,
    ),
    setRole: db.prepare(
      `INSERT INTO board_members (board_id, user_id, role) VALUES (?, ?, ?)
       ON CONFLICT (board_id, user_id) DO UPDATE SET role = excluded.role`,
    ),
    removeMember: db.prepare('DELETE FROM board_members WHERE board_id = ? AND user_id = ?'),
    members: db.prepare<[string], MemberRow>(
      `SELECT m.user_id, u.name, u.email, m.role FROM board_members m JOIN users u ON u.id = m.user_id
       WHERE m.board_id = ?`,
    ),
    snapshot: db.prepare<[string], { state: Buffer; through_seq: number }>('SELECT state, through_seq FROM doc_snapshots WHERE doc_id = ?'),
    updatesAfter: db.prepare<[string, number], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE doc_id = ? AND seq > ? ORDER BY seq',
    ),
    appendUpdate: db.prepare('INSERT INTO doc_updates (doc_id, data, created_at) VALUES (?, ?, ?)'),
    putSnapshot: db.prepare(
      `INSERT INTO doc_snapshots (doc_id, state, through_seq, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq,
       updated_at = excluded.updated_at`,
    ),
    dropUpdatesThrough: db.prepare('DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?'),
    docSize: db.prepare<[string, string], { bytes: number; updates: number }>(
      `SELECT
         COALESCE((SELECT LENGTH(state) FROM doc_snapshots WHERE doc_id = ?), 0)
         + COALESCE(SUM(LENGTH(data)), 0) AS bytes,
         COUNT(*) AS updates
       FROM doc_updates WHERE doc_id = ?`,
    ),
    docIdsWithPrefix: db.prepare<[string, string, string, string], { doc_id: string }>(
      `SELECT doc_id FROM doc_snapshots WHERE substr(doc_id, 1, length(?)) = ?
       UNION SELECT DISTINCT doc_id FROM doc_updates WHERE substr(doc_id, 1, length(?)) = ?
       ORDER BY doc_id`,
    ),
    secret: db.prepare<[string], { value: string }>('SELECT value FROM secrets WHERE name = ?'),
    secretInsert: db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)'),
  }

  const appendMany = db.transaction((docId: string, updates: readonly Uint8Array[], at: number) => {
    let last = 0
    for (const update of updates) {
      last = Number(q.appendUpdate.run(docId, Buffer.from(update), at).lastInsertRowid)
    }
    return last
  })

  const createBoard = db.transaction(
    (id: string, name: string, locale: Locale, createdBy: string, initialState: Uint8Array, at: number) => {
      q.boardInsert.run(id, name, locale, createdBy, at, at)
      q.setRole.run(id, createdBy, 'facilitator')
      q.appendUpdate.run(id, Buffer.from(initialState), at)
    },
  )

  const compact = db.transaction((docId: string, snapshot: Uint8Array, throughSeq: number, at: number) => {
    const current = q.snapshot.get(docId)
    // A compaction that raced an older one must not move the snapshot backwards.
    if (current && current.through_seq >= throughSeq) return
    q.putSnapshot.run(docId, Buffer.from(snapshot), throughSeq, at)
    q.dropUpdatesThrough.run(docId, throughSeq)
  })

  // One read transaction: another process on the same file (a second sync node) may compact
  // between the two reads, and the log read after its new snapshot would lack what the old
  // snapshot read before it did not hold.
  const loadDoc = db.transaction((docId: string) => {
    const snapshot = q.snapshot.get(docId)
    const rows = q.updatesAfter.all(docId, snapshot?.through_seq ?? 0)
    return {
      snapshot: snapshot ? asBytes(snapshot.state) : null,
      updates: rows.map((row) => asBytes(row.data)),
      lastSeq: rows.length ? rows[rows.length - 1].seq : (snapshot?.through_seq ?? 0),
    }
  })

  const removeUser = userRemoval(db)
  const { invites, guests } = openSqliteInviteStores(db)
  const snapshots = openSqliteSnapshotStore(db)

  return {
    kind: 'sqlite',
    users: {
      async create(user) {
        const record: UserRecord = {
          id: newId(),
          email: normalizeEmail(user.email),
          name: user.name.trim(),
          passwordHash: user.passwordHash,
          isAdmin: user.isAdmin ?? false,
          locale: null,
          createdAt: Date.now(),
          sessionsValidAfter: 0,
        }
        q.userInsert.run(record.id, record.email, record.name, record.passwordHash, record.isAdmin ? 1 : 0, record.createdAt)
        return record
      },
      async get(id) {
        const row = q.userById.get(id)
        return row ? toUser(row) : null
      },
      async findByEmail(email) {
        const row = q.userByEmail.get(normalizeEmail(email))
        return row ? toUser(row) : null
      },
      async count() {
        return q.userCount.get()!.n
      },
      async list() {
        return q.userList.all().map(toUser).sort(compareUsers)
      },
      async setLocale(id, locale) {
        q.userLocale.run(locale, id)
      },
      async setPassword(id, passwordHash) {
        q.userPassword.run(passwordHash, id)
      },
      async setAdmin(id, isAdmin) {
        q.userAdmin.run(isAdmin ? 1 : 0, id)
      },
      async endSessions(id, at) {
        q.userEndSessions.run(at, id)
      },
      async remove(id, erasedName) {
        return removeUser(id, erasedName, Date.now())
      },
    },
    boards: {
      async create(board) {
        const id = newId()
        const at = Date.now()
        createBoard(id, board.name, board.locale, board.createdBy, board.initialState, at)
        return newBoardRecord(id, board, at)
      },
      async get(id, options) {
        const row = q.boardById.get(id)
        return row && (row.deleted_at === null || options?.includeDeleted) ? toBoard(row) : null
      },
      async listForUser(userId): Promise<BoardWithRole[]> {
        return q.boardsForUser.all(userId).map((row) => ({ ...toBoard(row), role: row.role }))
      },
      async roleOf(boardId, userId) {
        return q.roleOf.get(boardId, userId)?.role ?? null
      },
      async accessOf(boardId, { staffIds, guestIds }) {
        const rows = q.accessOf.all(boardId, JSON.stringify(staffIds), boardId, JSON.stringify(guestIds))
        return accessFromRows(rows)
      },
      async setRole(boardId, userId, role) {
        q.setRole.run(boardId, userId, role)
      },
      async removeMember(boardId, userId) {
        return q.removeMember.run(boardId, userId).changes === 1
      },
      async members(boardId): Promise<BoardMember[]> {
        return q.members.all(boardId).map(toMember).sort(compareMembers)
      },
      async touch(boardId, at = Date.now()) {
        q.boardTouch.run(at, boardId)
      },
      ...openSqliteBoardLifecycle(db),
    },
    invites,
    guests,
    snapshots,
    audit: openSqliteAuditStore(db),
    rounds: openSqliteRoundStore(db),
    ...openSqliteDump(db),
    docs: {
      async loadDoc(docId) {
        return loadDoc(docId)
      },
      async appendUpdates(docId, updates) {
        if (updates.length === 0) throw new Error('appendUpdates needs at least one update')
        return appendMany(docId, updates, Date.now())
      },
      async compactDoc(docId, snapshot, throughSeq) {
        compact(docId, snapshot, throughSeq, Date.now())
      },
      async docSize(docId) {
        return q.docSize.get(docId, docId)!
      },
      async listDocIds(prefix) {
        return q.docIdsWithPrefix.all(prefix, prefix, prefix, prefix).map((row) => row.doc_id)
      },
    },
    async getOrCreateSecret(name, generate) {
      q.secretInsert.run(name, generate())
      return q.secret.get(name)!.value
    },
    async ping() {
      db.prepare('SELECT 1').get()
    },
    async close() {
      if (db.open) db.close()
    },
  }
}

function migrate(db: Database.Database) {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > SQLITE_MIGRATIONS.length) {
    throw new Error(`The database was created by a newer Strategitavlan (schema ${current}, this one knows ${SQLITE_MIGRATIONS.length}).`)
  }
  for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[version])
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
