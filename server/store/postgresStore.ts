/**
 * The store for larger installations: PostgreSQL, chosen when `DATABASE_URL` is set. It keeps
 * the same tables and promises as the SQLite store (and passes the same contract suite).
 *
 * Durability: an append is one transaction, committed before `appendUpdates` resolves. With
 * `synchronous_commit` on (forced below if the server has it off) the commit has reached the
 * write-ahead log on disk, so an update the sync server forwards after `appendUpdates`
 * resolves survives a crash of either process.
 */
import pg from 'pg'
import type { BoardRole } from '../../lib/auth/roles'
import { normalizeEmail } from '../../lib/auth/email'
import { newId } from '../../lib/ids'
import { toLocale } from '../../lib/i18n/locales'
import type { BoardMember, BoardWithRole, Store, UserRecord } from '../../lib/store/types'
import { asBuffer, asBytes } from './bytes'
import { openPostgresInviteStores } from './postgresInviteStore'
import { POSTGRES_MIGRATIONS } from './postgresMigrations'
import { openPostgresSnapshotStore } from './postgresSnapshotStore'
import { openPostgresAuditStore } from './postgresAuditStore'
import { openPostgresBoardLifecycle, removeUser } from './postgresBoardLifecycle'
import { openPostgresDump } from './postgresDump'
import { openPostgresRoundStore } from './postgresRoundStore'
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

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` */
  connectionString: string
  /**
   * Keep every table in this schema (created when missing) instead of the connection's
   * default search path. Tests use one per run.
   */
  schema?: string
  /** Most connections held open at once, besides the appends' own. */
  poolSize?: number
  /** Most connections held open at once for appending updates (see `appendUpdates`). */
  appendPoolSize?: number
  /** Errors of idle pooled connections (the database restarted, say); they are reconnected on use. */
  onIdleError?(error: Error): void
}

interface UserRow {
  id: string
  email: string
  name: string
  password_hash: string | null
  is_admin: boolean
  locale: string | null
  created_at: number
  sessions_valid_after: number
}

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  name: row.name,
  passwordHash: row.password_hash,
  isAdmin: row.is_admin,
  locale: row.locale ? toLocale(row.locale) : null,
  createdAt: row.created_at,
  sessionsValidAfter: row.sessions_valid_after,
})

/**
 * BIGINT columns hold epoch milliseconds and sequence numbers, far below 2^53: they are read
 * as numbers rather than pg's default strings.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
}

/** Any constant will do: it only keeps two processes from migrating the same database at once. */
const MIGRATION_LOCK = 0x5747_6176
/** The class of the per-document append locks (the second key is the document's name hashed). */
const DOC_APPEND_LOCK = 0x5347

/** See `appendUpdates`. */
const APPEND_UPDATES = `
  WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(${DOC_APPEND_LOCK}, hashtext($1)))
  INSERT INTO doc_updates (doc_id, data, created_at)
  SELECT $1, u.data, $3 FROM locked, unnest($2::bytea[]) WITH ORDINALITY AS u(data, n) ORDER BY u.n
  RETURNING seq`

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/** Opens the pool and brings the schema up to date before resolving. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { schema } = options
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`Not a plain schema name: ${schema}`)
  const connection: pg.PoolConfig = {
    connectionString: options.connectionString,
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    // Durability rests on synchronous commits; a server configured without them gets them for
    // our sessions only, and stricter settings (remote_apply, …) are left as they are. Runs on
    // each new connection before it is used.
    onConnect: async (client) => {
      await client.query("SELECT set_config('synchronous_commit', 'on', false) WHERE current_setting('synchronous_commit') = 'off'")
    },
  }
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 })
  // Appends, which hold back every edit of a room until they commit, have connections of their
  // own: the sync server re-checks every open socket's access every few seconds, hundreds of
  // lookups at once in a large room, and an append queued behind them in one pool waited for
  // all of them (bench/results.md, issue 15).
  const appendPool = new pg.Pool({ ...connection, max: options.appendPoolSize ?? 4 })
  // Without a listener, an idle connection's error (the database restarting) would end the process.
  pool.on('error', (error) => options.onIdleError?.(error))
  appendPool.on('error', (error) => options.onIdleError?.(error))
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    await migrate(pool)
  } catch (error) {
    await Promise.all([pool.end(), appendPool.end()]).catch(() => undefined)
    throw error
  }

  async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      client.release()
    }
  }

  const { invites, guests } = openPostgresInviteStores(pool)
  let closed: Promise<void> | null = null

  return {
    kind: 'postgres',
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
        await pool.query('INSERT INTO users (id, email, name, password_hash, is_admin, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          record.id,
          record.email,
          record.name,
          record.passwordHash,
          record.isAdmin,
          record.createdAt,
        ])
        return record
      },
      async get(id) {
        const { rows } = await pool.query<UserRow>('SELECT * FROM users WHERE id = $1 AND removed_at IS NULL', [id])
        return rows[0] ? toUser(rows[0]) : null
      },
      async findByEmail(email) {
        const { rows } = await pool.query<UserRow>('SELECT * FROM users WHERE email = $1 AND removed_at IS NULL', [normalizeEmail(email)])
        return rows[0] ? toUser(rows[0]) : null
      },
      async count() {
        const { rows } = await pool.query<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE removed_at IS NULL')
        return rows[0].n
      },
      async list() {
        const { rows } = await pool.query<UserRow>('SELECT * FROM users WHERE removed_at IS NULL')
        return rows.map(toUser).sort(compareUsers)
      },
      async setLocale(id, locale) {
        await pool.query('UPDATE users SET locale = $1 WHERE id = $2', [locale, id])
      },
      async setPassword(id, passwordHash) {
        await pool.query('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, id])
      },
      async setAdmin(id, isAdmin) {
        await pool.query('UPDATE users SET is_admin = $1 WHERE id = $2 AND removed_at IS NULL', [isAdmin, id])
      },
      async endSessions(id, at) {
        await pool.query('UPDATE users SET sessions_valid_after = GREATEST(sessions_valid_after, $1) WHERE id = $2', [at, id])
      },
      remove: (id, erasedName) => transaction((client) => removeUser(client, id, erasedName, Date.now())),
    },
    boards: {
      async create(board) {
        const id = newId()
        const at = Date.now()
        await transaction(async (client) => {
          await client.query('INSERT INTO boards (id, name, locale, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)', [
            id,
            board.name,
            board.locale,
            board.createdBy,
            at,
          ])
          await client.query("INSERT INTO board_members (board_id, user_id, role) VALUES ($1, $2, 'facilitator')", [id, board.createdBy])
          await client.query('INSERT INTO doc_updates (doc_id, data, created_at) VALUES ($1, $2, $3)', [
            id,
            asBuffer(board.initialState),
            at,
          ])
        })
        return newBoardRecord(id, board, at)
      },
      async get(id, options) {
        const { rows } = await pool.query<BoardRow>('SELECT * FROM boards WHERE id = $1', [id])
        const row = rows[0]
        return row && (row.deleted_at === null || options?.includeDeleted) ? toBoard(row) : null
      },
      async listForUser(userId): Promise<BoardWithRole[]> {
        const { rows } = await pool.query<BoardRow & { role: BoardRole }>(
          `SELECT b.*, m.role FROM boards b JOIN board_members m ON m.board_id = b.id
           WHERE m.user_id = $1 AND b.deleted_at IS NULL ORDER BY b.updated_at DESC`,
          [userId],
        )
        return rows.map((row) => ({ ...toBoard(row), role: row.role }))
      },
      async roleOf(boardId, userId) {
        const { rows } = await pool.query<{ role: BoardRole }>(
          `SELECT m.role FROM board_members m JOIN boards b ON b.id = m.board_id
           WHERE m.board_id = $1 AND m.user_id = $2 AND b.deleted_at IS NULL`,
          [boardId, userId],
        )
        return rows[0]?.role ?? null
      },
      async accessOf(boardId, { staffIds, guestIds }) {
        const { rows } = await pool.query<AccessRow>({
          name: 'board-access-of',
          text: `SELECT 'staff' AS kind, m.user_id AS id, m.role, u.sessions_valid_after
                   FROM board_members m JOIN boards b ON b.id = m.board_id JOIN users u ON u.id = m.user_id
                  WHERE m.board_id = $1 AND b.deleted_at IS NULL AND m.user_id = ANY($2::text[])
                 UNION ALL
                 SELECT 'guest', g.id, i.role, NULL
                   FROM guests g JOIN invites i ON i.id = g.invite_id AND i.board_id = g.board_id JOIN boards b ON b.id = g.board_id
                  WHERE g.board_id = $1 AND b.deleted_at IS NULL AND i.revoked_at IS NULL AND g.id = ANY($3::text[])`,
          values: [boardId, staffIds, guestIds],
        })
        return accessFromRows(rows)
      },
      async setRole(boardId, userId, role) {
        await pool.query(
          `INSERT INTO board_members (board_id, user_id, role) VALUES ($1, $2, $3)
           ON CONFLICT (board_id, user_id) DO UPDATE SET role = excluded.role`,
          [boardId, userId, role],
        )
      },
      async removeMember(boardId, userId) {
        const result = await pool.query('DELETE FROM board_members WHERE board_id = $1 AND user_id = $2', [boardId, userId])
        return result.rowCount === 1
      },
      async members(boardId): Promise<BoardMember[]> {
        const { rows } = await pool.query<MemberRow>(
          `SELECT m.user_id, u.name, u.email, m.role FROM board_members m JOIN users u ON u.id = m.user_id
           WHERE m.board_id = $1`,
          [boardId],
        )
        return rows.map(toMember).sort(compareMembers)
      },
      async touch(boardId, at = Date.now()) {
        await pool.query('UPDATE boards SET updated_at = $1, retention_warned_at = NULL WHERE id = $2', [at, boardId])
      },
      ...openPostgresBoardLifecycle(pool, transaction),
    },
    invites,
    guests,
    snapshots: openPostgresSnapshotStore(pool),
    audit: openPostgresAuditStore(pool),
    rounds: openPostgresRoundStore(pool, transaction),
    ...openPostgresDump(pool, transaction),
    docs: {
      async loadDoc(docId) {
        // One statement sees one state of the database: a compaction committed between reading
        // the snapshot and reading the log could otherwise drop updates from both.
        const { rows } = await pool.query<{ snapshot: boolean; data: Buffer; seq: number }>(
          `SELECT TRUE AS snapshot, state AS data, through_seq AS seq FROM doc_snapshots WHERE doc_id = $1
           UNION ALL
           SELECT FALSE, data, seq FROM doc_updates
           WHERE doc_id = $1 AND seq > COALESCE((SELECT through_seq FROM doc_snapshots WHERE doc_id = $1), 0)
           ORDER BY snapshot DESC, seq`,
          [docId],
        )
        const snapshot = rows[0]?.snapshot ? rows[0] : null
        const updates = snapshot ? rows.slice(1) : rows
        return {
          snapshot: snapshot ? asBytes(snapshot.data) : null,
          updates: updates.map((row) => asBytes(row.data)),
          lastSeq: updates.length ? updates[updates.length - 1].seq : (snapshot?.seq ?? 0),
        }
      },
      async appendUpdates(docId, updates) {
        if (updates.length === 0) throw new Error('appendUpdates needs at least one update')
        // A sequence hands out numbers when rows are inserted, not when they commit: two nodes
        // appending to one document at once could make seq 12 visible before seq 11. A reader
        // that saw 12 would take the log as complete through 12, and a compaction through 12
        // would hide 11 for good. Holding a lock per document from numbering to commit makes
        // each document's numbers visible in order. Rows are numbered in the order given.
        //
        // One statement, which PostgreSQL runs as a transaction of its own and commits before it
        // answers: the lock (its CTE is read before any row is numbered) lasts until that commit.
        // One round trip per append where BEGIN, lock, INSERT and COMMIT took four, and prepared
        // once per connection (bench/results.md, issue 15).
        const { rows } = await appendPool.query<{ seq: number }>({
          name: 'append-doc-updates',
          text: APPEND_UPDATES,
          values: [docId, updates.map(asBuffer), Date.now()],
        })
        return Math.max(...rows.map((row) => row.seq))
      },
      async compactDoc(docId, snapshot, throughSeq) {
        // The snapshot is written only when it is newer than the stored one (a compaction that
        // raced an older one must not move it backwards), and only then are the updates it
        // covers dropped — in the same statement, so a crash keeps one or the other.
        await pool.query(
          `WITH written AS (
             INSERT INTO doc_snapshots (doc_id, state, through_seq, updated_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (doc_id) DO UPDATE
               SET state = excluded.state, through_seq = excluded.through_seq, updated_at = excluded.updated_at
               WHERE doc_snapshots.through_seq < excluded.through_seq
             RETURNING doc_id
           )
           DELETE FROM doc_updates WHERE doc_id IN (SELECT doc_id FROM written) AND seq <= $3`,
          [docId, asBuffer(snapshot), throughSeq, Date.now()],
        )
      },
      async docSize(docId) {
        const { rows } = await pool.query<{ bytes: number; updates: number }>(
          `SELECT COALESCE((SELECT octet_length(state) FROM doc_snapshots WHERE doc_id = $1), 0)
                  + COALESCE(SUM(octet_length(data)), 0) AS bytes,
                  COUNT(*) AS updates
           FROM doc_updates WHERE doc_id = $1`,
          [docId],
        )
        return { bytes: rows[0].bytes, updates: rows[0].updates }
      },
      async listDocIds(prefix) {
        // Byte order (COLLATE "C"), as JavaScript and SQLite sort these ASCII names.
        const { rows } = await pool.query<{ doc_id: string }>(
          `SELECT doc_id FROM (
             SELECT doc_id FROM doc_snapshots WHERE starts_with(doc_id, $1)
             UNION SELECT doc_id FROM doc_updates WHERE starts_with(doc_id, $1)
           ) AS docs ORDER BY doc_id COLLATE "C"`,
          [prefix],
        )
        return rows.map((row) => row.doc_id)
      },
    },
    async getOrCreateSecret(name, generate) {
      await pool.query('INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, generate()])
      const { rows } = await pool.query<{ value: string }>('SELECT value FROM secrets WHERE name = $1', [name])
      return rows[0].value
    },
    async ping() {
      await pool.query('SELECT 1')
    },
    close() {
      closed ??= Promise.all([pool.end(), appendPool.end()]).then(() => undefined)
      return closed
    },
  }
}

/**
 * Applies the migrations this database lacks, in one transaction, under an advisory lock so
 * nodes starting together do not race. A database from a newer version of the app is refused.
 */
async function migrate(pool: pg.Pool) {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version INTEGER PRIMARY KEY,
         name TEXT NOT NULL,
         applied_at BIGINT NOT NULL
       )`,
    )
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations')
    const current = rows[0].version ?? 0
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new Error(
        `The database was created by a newer Strategitavlan (schema ${current}, this one knows ${POSTGRES_MIGRATIONS.length}).`,
      )
    }
    for (let version = current + 1; version <= POSTGRES_MIGRATIONS.length; version++) {
      const migration = POSTGRES_MIGRATIONS[version - 1]
      await client.query(migration.sql)
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        version,
        migration.name,
        Date.now(),
      ])
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
