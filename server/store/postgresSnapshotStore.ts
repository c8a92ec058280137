/**
 * Named snapshots of boards' documents in the PostgreSQL store: one row per snapshot, its state
 * a BYTEA. Listing reads every column but the state.
 */
import type { Pool } from 'pg'
import type { SnapshotStore, SnapshotWithState } from '../../lib/store/types'
import { asBuffer, asBytes } from './bytes'
import { newSnapshotRecord, toSnapshot, type SnapshotRow } from './rows'

const COLUMNS = 'id, board_id, name, kind, created_by, created_by_name, created_at, note_count, octet_length(state) AS bytes'

export function openPostgresSnapshotStore(pool: Pool): SnapshotStore {
  return {
    async create(snapshot) {
      const record = newSnapshotRecord(snapshot)
      await pool.query(
        `INSERT INTO board_snapshots (id, board_id, name, kind, created_by, created_by_name, created_at, note_count, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          record.id,
          record.boardId,
          record.name,
          record.kind,
          record.createdBy?.id ?? null,
          record.createdBy?.name ?? null,
          record.createdAt,
          record.noteCount,
          asBuffer(snapshot.state),
        ],
      )
      return record
    },
    async list(boardId) {
      const { rows } = await pool.query<SnapshotRow>(
        `SELECT ${COLUMNS} FROM board_snapshots WHERE board_id = $1 ORDER BY created_at DESC, seq DESC`,
        [boardId],
      )
      return rows.map(toSnapshot)
    },
    async get(boardId, id): Promise<SnapshotWithState | null> {
      const { rows } = await pool.query<SnapshotRow & { state: Buffer }>(
        `SELECT ${COLUMNS}, state FROM board_snapshots WHERE board_id = $1 AND id = $2`,
        [boardId, id],
      )
      const row = rows[0]
      if (!row) return null
      return { ...toSnapshot(row), state: asBytes(row.state) }
    },
    async delete(boardId, id) {
      const result = await pool.query('DELETE FROM board_snapshots WHERE board_id = $1 AND id = $2', [boardId, id])
      return result.rowCount === 1
    },
    async listCreatedBy(userId) {
      const { rows } = await pool.query<SnapshotRow>(
        `SELECT ${COLUMNS} FROM board_snapshots WHERE created_by = $1 ORDER BY created_at DESC, seq DESC`,
        [userId],
      )
      return rows.map(toSnapshot)
    },
    async replaceState(boardId, id, state) {
      const result = await pool.query('UPDATE board_snapshots SET state = $1 WHERE board_id = $2 AND id = $3', [
        asBuffer(state),
        boardId,
        id,
      ])
      return result.rowCount === 1
    },
    async deleteAutoBefore(boardId, before) {
      const result = await pool.query("DELETE FROM board_snapshots WHERE board_id = $1 AND kind = 'auto' AND created_at < $2", [
        boardId,
        before,
      ])
      return result.rowCount ?? 0
    },
  }
}
