/**
 * Named snapshots of boards' documents in the SQLite store: one row per snapshot, its state a
 * BLOB. Listing reads every column but the state.
 */
import type Database from 'better-sqlite3'
import type { SnapshotStore, SnapshotWithState } from '../../lib/store/types'
import { asBytes } from './bytes'
import { newSnapshotRecord, toSnapshot, type SnapshotRow } from './rows'

const COLUMNS = 'id, board_id, name, kind, created_by, created_by_name, created_at, note_count, LENGTH(state) AS bytes'

export function openSqliteSnapshotStore(db: Database.Database): SnapshotStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO board_snapshots (id, board_id, name, kind, created_by, created_by_name, created_at, note_count, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    list: db.prepare<[string], SnapshotRow>(
      `SELECT ${COLUMNS} FROM board_snapshots WHERE board_id = ? ORDER BY created_at DESC, rowid DESC`,
    ),
    get: db.prepare<[string, string], SnapshotRow & { state: Buffer }>(
      `SELECT ${COLUMNS}, state FROM board_snapshots WHERE board_id = ? AND id = ?`,
    ),
    delete: db.prepare('DELETE FROM board_snapshots WHERE board_id = ? AND id = ?'),
    createdBy: db.prepare<[string], SnapshotRow>(
      `SELECT ${COLUMNS} FROM board_snapshots WHERE created_by = ? ORDER BY created_at DESC, rowid DESC`,
    ),
    replaceState: db.prepare('UPDATE board_snapshots SET state = ? WHERE board_id = ? AND id = ?'),
    deleteAutoBefore: db.prepare("DELETE FROM board_snapshots WHERE board_id = ? AND kind = 'auto' AND created_at < ?"),
  }

  return {
    async create(snapshot) {
      const record = newSnapshotRecord(snapshot)
      q.insert.run(
        record.id,
        record.boardId,
        record.name,
        record.kind,
        record.createdBy?.id ?? null,
        record.createdBy?.name ?? null,
        record.createdAt,
        record.noteCount,
        Buffer.from(snapshot.state),
      )
      return record
    },
    async list(boardId) {
      return q.list.all(boardId).map(toSnapshot)
    },
    async get(boardId, id): Promise<SnapshotWithState | null> {
      const row = q.get.get(boardId, id)
      if (!row) return null
      return { ...toSnapshot(row), state: asBytes(row.state) }
    },
    async delete(boardId, id) {
      return q.delete.run(boardId, id).changes === 1
    },
    async listCreatedBy(userId) {
      return q.createdBy.all(userId).map(toSnapshot)
    },
    async replaceState(boardId, id, state) {
      return q.replaceState.run(Buffer.from(state), boardId, id).changes === 1
    },
    async deleteAutoBefore(boardId, before) {
      return q.deleteAutoBefore.run(boardId, before).changes
    },
  }
}
