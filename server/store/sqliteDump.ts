/**
 * Every row of the SQLite store, and loading them into an empty one: the store's half of
 * `npm run backup` and `npm run restore` (scripts/backup.ts).
 */
import type Database from 'better-sqlite3'
import type { Store, StoreDump } from '../../lib/store/types'
import { inDumpOrder } from './rows'

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/

function tablesOf(db: Database.Database): string[] {
  const rows = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
  return inDumpOrder(rows.map((row) => row.name))
}

export function openSqliteDump(db: Database.Database): Pick<Store, 'dump' | 'load'> {
  return {
    async dump() {
      // One read transaction: the dump is one consistent moment even while the server writes.
      return db.transaction(() => {
        const out: StoreDump = {}
        for (const table of tablesOf(db)) {
          out[table] = db
            .prepare<[], Record<string, unknown>>(`SELECT * FROM "${table}"`)
            .all()
            .map((row) => {
              for (const [key, value] of Object.entries(row)) {
                if (Buffer.isBuffer(value)) row[key] = new Uint8Array(value)
              }
              return row
            })
        }
        return out
      })()
    },
    async load(dump) {
      const tables = tablesOf(db)
      const { n } = db.prepare<[], { n: number }>('SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM boards) AS n').get()!
      if (n > 0) throw new Error('The database is not empty: restore into a new one.')
      db.transaction(() => {
        db.prepare('DELETE FROM secrets').run()
        for (const table of inDumpOrder(Object.keys(dump))) {
          if (!tables.includes(table)) throw new Error(`The backup has a table this version does not know: ${table}`)
          // Columns the other store has and this one lacks (PostgreSQL's ordering `seq`) are left out.
          const known = new Set(
            db
              .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
              .all()
              .map((c) => c.name),
          )
          for (const row of dump[table]) {
            const columns = Object.keys(row).filter((column) => known.has(column))
            if (!columns.every((column) => IDENTIFIER.test(column))) throw new Error(`Bad column in ${table}`)
            const values = columns.map((column) => {
              const value = row[column]
              if (value instanceof Uint8Array) return Buffer.from(value)
              if (typeof value === 'boolean') return value ? 1 : 0
              return value
            })
            db.prepare(
              `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
            ).run(...values)
          }
        }
      })()
    },
  }
}
