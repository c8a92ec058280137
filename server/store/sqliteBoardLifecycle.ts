/**
 * The life of boards and the removal of people in the SQLite store: renaming, archiving,
 * deleting (kept until purged), purging everything a board left, and erasing an account.
 */
import type Database from 'better-sqlite3'
import { boardDocId, privateDocPrefix } from '../../lib/board/docIds'
import type { BoardRecord, BoardStore } from '../../lib/store/types'
import { toBoard, type BoardRow } from './rows'

type Lifecycle = Pick<
  BoardStore,
  'rename' | 'setArchived' | 'setDeleted' | 'listAll' | 'purge' | 'listUntouchedSince' | 'setRetentionWarned'
>

export function openSqliteBoardLifecycle(db: Database.Database): Lifecycle {
  const q = {
    rename: db.prepare('UPDATE boards SET name = ? WHERE id = ?'),
    archive: db.prepare('UPDATE boards SET archived_at = ? WHERE id = ?'),
    delete: db.prepare('UPDATE boards SET deleted_at = ? WHERE id = ?'),
    all: db.prepare<[], BoardRow>('SELECT * FROM boards ORDER BY updated_at DESC'),
    untouched: db.prepare<[number], BoardRow & { retention_warned_at: number | null }>(
      'SELECT * FROM boards WHERE deleted_at IS NULL AND updated_at < ? ORDER BY updated_at',
    ),
    warned: db.prepare('UPDATE boards SET retention_warned_at = ? WHERE id = ?'),
    // substr rather than LIKE: a board id holds no wildcards today, but nothing should depend on it.
    dropUpdates: db.prepare('DELETE FROM doc_updates WHERE doc_id = ? OR substr(doc_id, 1, length(?)) = ?'),
    dropSnapshots: db.prepare('DELETE FROM doc_snapshots WHERE doc_id = ? OR substr(doc_id, 1, length(?)) = ?'),
    // Roles, invites, guests and named snapshots go with the row (ON DELETE CASCADE).
    dropBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
  }
  const purge = db.transaction((boardId: string) => {
    const prefix = privateDocPrefix(boardId)
    q.dropUpdates.run(boardDocId(boardId), prefix, prefix)
    q.dropSnapshots.run(boardDocId(boardId), prefix, prefix)
    q.dropBoard.run(boardId)
  })
  return {
    async rename(boardId, name) {
      return q.rename.run(name, boardId).changes === 1
    },
    async setArchived(boardId, at) {
      return q.archive.run(at, boardId).changes === 1
    },
    async setDeleted(boardId, at) {
      return q.delete.run(at, boardId).changes === 1
    },
    async listAll(): Promise<BoardRecord[]> {
      return q.all.all().map(toBoard)
    },
    async purge(boardId) {
      purge(boardId)
    },
    async listUntouchedSince(before) {
      return q.untouched.all(before).map((row) => ({ ...toBoard(row), retentionWarnedAt: row.retention_warned_at }))
    },
    async setRetentionWarned(boardId, at) {
      q.warned.run(at, boardId)
    },
  }
}

/**
 * Erases an account in one transaction: its roles go, its name goes from the snapshots it took
 * and from the audit log, and the row keeps only its id (invites it created hang on it).
 */
export function userRemoval(db: Database.Database): (id: string, erasedName: string, at: number) => boolean {
  const q = {
    tombstone: db.prepare(
      `UPDATE users SET email = ?, name = '', password_hash = NULL, is_admin = 0, locale = NULL,
       sessions_valid_after = ?, removed_at = ? WHERE id = ? AND removed_at IS NULL`,
    ),
    roles: db.prepare('DELETE FROM board_members WHERE user_id = ?'),
    rounds: db.prepare('DELETE FROM round_facilitators WHERE user_id = ?'),
    snapshots: db.prepare('UPDATE board_snapshots SET created_by_name = ? WHERE created_by = ?'),
    audit: db.prepare('UPDATE audit_log SET actor_name = ? WHERE actor_id = ?'),
  }
  return db.transaction((id: string, erasedName: string, at: number) => {
    // The email column is unique and required: a removed account holds a placeholder no one can type.
    if (q.tombstone.run(`removed:${id}`, at, at, id).changes !== 1) return false
    q.roles.run(id)
    q.rounds.run(id)
    q.snapshots.run(erasedName, id)
    q.audit.run(erasedName, id)
    return true
  })
}
