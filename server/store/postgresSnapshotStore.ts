/**
 * Named snapshots of boards' documents in the PostgreSQL store: one row per snapshot, its state
 * a BYTEA. Listing reads every column but the state.
 */
import type { Pool } from 'pg'
import { newId } from '../../lib/ids'
import type { SnapshotKind, SnapshotRecord, SnapshotStore, SnapshotWithState } from '../../lib/store/types'

interface SnapshotRow {
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

const COLUMNS = 'id, board_id, name, kind, created_by, created_by_name, created_at, note_count, octet_length(state) AS bytes'

const toSnapshot = (row: SnapshotRow): SnapshotRecord => ({
  id: row.id,
  boardId: row.board_id,
  name: row.name,
  kind: row.kind,
  createdBy: row.created_by !== null ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
  createdAt: row.created_at,
  noteCount: row.note_count,
  bytes: row.bytes,
})

export function openPostgresSnapshotStore(pool: Pool): SnapshotStore {
  return {
    async create(snapshot) {
      const record: SnapshotRecord = {
        id: newId(),
        boardId: snapshot.boardId,
        name: snapshot.name,
        kind: snapshot.kind,
        createdBy: snapshot.createdBy ? { id: snapshot.createdBy.id, name: snapshot.createdBy.name } : null,
        createdAt: snapshot.createdAt ?? Date.now(),
        noteCount: snapshot.noteCount,
        bytes: snapshot.state.byteLength,
      }
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
          Buffer.from(snapshot.state.buffer, snapshot.state.byteOffset, snapshot.state.byteLength),
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
      return { ...toSnapshot(row), state: new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength) }
    },
    async delete(boardId, id) {
      const result = await pool.query('DELETE FROM board_snapshots WHERE board_id = $1 AND id = $2', [boardId, id])
      return result.rowCount === 1
    },
  }
}
