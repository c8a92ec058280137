/** The audit log in the SQLite store: one row per action, newest found by sequence number. */
import type Database from 'better-sqlite3'
import type { AuditStore } from '../../lib/store/types'
import { auditValues, toAuditEntry, type AuditRow } from './rows'

export function openSqliteAuditStore(db: Database.Database): AuditStore {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor_id, actor_name, action, board_id, target_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const about = db.prepare<[string, string], AuditRow>('SELECT * FROM audit_log WHERE actor_id = ? OR target_id = ? ORDER BY seq')
  const deleteBefore = db.prepare('DELETE FROM audit_log WHERE at < ?')
  return {
    async append(entry) {
      insert.run(...auditValues(entry))
    },
    async list(options = {}) {
      const where: string[] = []
      const params: (string | number)[] = []
      if (options.before !== undefined) {
        where.push('seq < ?')
        params.push(options.before)
      }
      if (options.actorId !== undefined) {
        where.push('actor_id = ?')
        params.push(options.actorId)
      }
      if (options.boardId !== undefined) {
        where.push('board_id = ?')
        params.push(options.boardId)
      }
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`
      params.push(options.limit ?? 100)
      return db
        .prepare<(string | number)[], AuditRow>(sql)
        .all(...params)
        .map(toAuditEntry)
    },
    async listAbout(personId) {
      return about.all(personId, personId).map(toAuditEntry)
    },
    async deleteBefore(before) {
      return deleteBefore.run(before).changes
    },
  }
}
