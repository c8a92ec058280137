/**
 * The life of boards and the removal of people in the PostgreSQL store; the same promises as
 * ./sqliteBoardLifecycle.ts.
 */
import type pg from 'pg'
import { boardDocId, privateDocPrefix } from '../../lib/board/docIds'
import type { BoardStore } from '../../lib/store/types'
import { toBoard, type BoardRow } from './rows'

type Lifecycle = Pick<
  BoardStore,
  'rename' | 'setArchived' | 'setDeleted' | 'listAll' | 'purge' | 'listUntouchedSince' | 'setRetentionWarned'
>
export type Transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>

export function openPostgresBoardLifecycle(pool: pg.Pool, transaction: Transaction): Lifecycle {
  const changed = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rowCount === 1
  return {
    rename: (boardId, name) => changed('UPDATE boards SET name = $1 WHERE id = $2', [name, boardId]),
    setArchived: (boardId, at) => changed('UPDATE boards SET archived_at = $1 WHERE id = $2', [at, boardId]),
    setDeleted: (boardId, at) => changed('UPDATE boards SET deleted_at = $1 WHERE id = $2', [at, boardId]),
    async listAll() {
      const { rows } = await pool.query<BoardRow>('SELECT * FROM boards ORDER BY updated_at DESC')
      return rows.map(toBoard)
    },
    async purge(boardId) {
      const prefix = privateDocPrefix(boardId)
      await transaction(async (client) => {
        await client.query('DELETE FROM doc_updates WHERE doc_id = $1 OR starts_with(doc_id, $2)', [boardDocId(boardId), prefix])
        await client.query('DELETE FROM doc_snapshots WHERE doc_id = $1 OR starts_with(doc_id, $2)', [boardDocId(boardId), prefix])
        // Roles, invites, guests and named snapshots go with the row (ON DELETE CASCADE).
        await client.query('DELETE FROM boards WHERE id = $1', [boardId])
      })
    },
    async listUntouchedSince(before) {
      const { rows } = await pool.query<BoardRow & { retention_warned_at: number | null }>(
        'SELECT * FROM boards WHERE deleted_at IS NULL AND updated_at < $1 ORDER BY updated_at',
        [before],
      )
      return rows.map((row) => ({ ...toBoard(row), retentionWarnedAt: row.retention_warned_at }))
    },
    async setRetentionWarned(boardId, at) {
      await pool.query('UPDATE boards SET retention_warned_at = $1 WHERE id = $2', [at, boardId])
    },
  }
}

/** Erases an account (see the SQLite store's userRemoval): the row keeps only its id. */
export async function removeUser(client: pg.PoolClient, id: string, erasedName: string, at: number): Promise<boolean> {
  const result = await client.query(
    `UPDATE users SET email = $1, name = '', password_hash = NULL, is_admin = FALSE, locale = NULL,
     sessions_valid_after = $2, removed_at = $2 WHERE id = $3 AND removed_at IS NULL`,
    [`removed:${id}`, at, id],
  )
  if (result.rowCount !== 1) return false
  await client.query('DELETE FROM board_members WHERE user_id = $1', [id])
  await client.query('DELETE FROM round_facilitators WHERE user_id = $1', [id])
  await client.query('UPDATE board_snapshots SET created_by_name = $1 WHERE created_by = $2', [erasedName, id])
  await client.query('UPDATE audit_log SET actor_name = $1 WHERE actor_id = $2', [erasedName, id])
  return true
}
