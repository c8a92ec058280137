/** The audit log in the PostgreSQL store; the same promises as ./sqliteAuditStore.ts. */
import type { Pool } from 'pg'
import type { AuditStore } from '../../lib/store/types'
import { auditValues, toAuditEntry, type AuditRow } from './rows'

export function openPostgresAuditStore(pool: Pool): AuditStore {
  return {
    async append(entry) {
      await pool.query(
        'INSERT INTO audit_log (at, actor_id, actor_name, action, board_id, target_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        auditValues(entry),
      )
    },
    async list(options = {}) {
      const where: string[] = []
      const params: (string | number)[] = []
      const add = (sql: string, value: string | number) => {
        params.push(value)
        where.push(sql.replace('?', `$${params.length}`))
      }
      if (options.before !== undefined) add('seq < ?', options.before)
      if (options.actorId !== undefined) add('actor_id = ?', options.actorId)
      if (options.boardId !== undefined) add('board_id = ?', options.boardId)
      params.push(options.limit ?? 100)
      const { rows } = await pool.query<AuditRow>(
        `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
        params,
      )
      return rows.map(toAuditEntry)
    },
    async listAbout(personId) {
      const { rows } = await pool.query<AuditRow>('SELECT * FROM audit_log WHERE actor_id = $1 OR target_id = $1 ORDER BY seq', [personId])
      return rows.map(toAuditEntry)
    },
    async deleteBefore(before) {
      const result = await pool.query('DELETE FROM audit_log WHERE at < $1', [before])
      return result.rowCount ?? 0
    },
  }
}
