/**
 * Every row of the PostgreSQL store, and loading them into an empty one (see ./sqliteDump.ts).
 * `schema_migrations` is not part of a dump: the store it is loaded into has run its own.
 */
import type pg from 'pg'
import type { Store, StoreDump } from '../../lib/store/types'
import type { Transaction } from './postgresBoardLifecycle'
import { inDumpOrder } from './rows'

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/

async function tablesOf(client: pg.Pool | pg.PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'`,
  )
  return inDumpOrder(rows.map((row) => row.name))
}

export function openPostgresDump(pool: pg.Pool, transaction: Transaction): Pick<Store, 'dump' | 'load'> {
  return {
    async dump() {
      return transaction(async (client) => {
        // One snapshot of the database for every table, even while the server writes.
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
        const out: StoreDump = {}
        for (const table of await tablesOf(client)) {
          const { rows } = await client.query<Record<string, unknown>>(`SELECT * FROM "${table}"`)
          out[table] = rows.map((row) => {
            for (const [key, value] of Object.entries(row)) {
              if (Buffer.isBuffer(value)) row[key] = new Uint8Array(value)
            }
            return row
          })
        }
        return out
      })
    },
    async load(dump) {
      await transaction(async (client) => {
        const tables = await tablesOf(client)
        const { rows } = await client.query<{ n: number }>('SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM boards) AS n')
        if (Number(rows[0].n) > 0) throw new Error('The database is not empty: restore into a new one.')
        await client.query('DELETE FROM secrets')
        for (const table of inDumpOrder(Object.keys(dump))) {
          if (!tables.includes(table)) throw new Error(`The backup has a table this version does not know: ${table}`)
          const identities = (
            await client.query<{ column_name: string }>(
              `SELECT column_name FROM information_schema.columns
               WHERE table_schema = current_schema() AND table_name = $1 AND is_identity = 'YES'`,
              [table],
            )
          ).rows.map((row) => row.column_name)
          const known = new Set(
            (
              await client.query<{ column_name: string }>(
                'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
                [table],
              )
            ).rows.map((row) => row.column_name),
          )
          for (const row of dump[table]) {
            const columns = Object.keys(row).filter((column) => known.has(column))
            if (!columns.every((column) => IDENTIFIER.test(column))) throw new Error(`Bad column in ${table}`)
            const values = columns.map((column) => {
              const value = row[column]
              return value instanceof Uint8Array ? Buffer.from(value) : value
            })
            await client.query(
              `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) OVERRIDING SYSTEM VALUE
               VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
              values,
            )
          }
          // Identity columns carry on after the loaded rows.
          for (const column of identities) {
            await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT MAX("${column}") FROM "${table}"), 1))`, [
              table,
              column,
            ])
          }
        }
      })
    },
  }
}
