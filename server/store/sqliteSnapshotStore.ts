/**
 * Named snapshots of boards' documents in the SQLite store: one row per snapshot, its state a
 * BLOB. Listing reads every column but the state.
 */
import type Database from 'better-sqlite3'
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

const COLUMNS = 'id, board_id, name, kind, created_by, created_by_name, created_at, note_count, LENGTH(state) AS bytes'

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
  }

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
      return { ...toSnapshot(row), state: new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength) }
    },
    async delete(boardId, id) {
      return q.delete.run(boardId, id).changes === 1
    },
  }
}
