/**
 * The store the configuration asks for: PostgreSQL when `DATABASE_URL` is set, otherwise the
 * SQLite file at `DATABASE_PATH`.
 */
import type { Env } from '../../lib/env'
import type { Store } from '../../lib/store/types'
import type { Logger } from '../logger'
import { openPostgresStore } from './postgresStore'
import { openSqliteStore } from './sqliteStore'

export async function openStore(env: Pick<Env, 'DATABASE_URL' | 'DATABASE_PATH'>, logger: Logger): Promise<Store> {
  if (!env.DATABASE_URL) return openSqliteStore(env.DATABASE_PATH)
  return openPostgresStore({
    connectionString: env.DATABASE_URL,
    onIdleError: (error) => logger.warn({ err: error.message }, 'an idle database connection failed; it is replaced on next use'),
  })
}

/** Where the data lives, for logs: the PostgreSQL address without credentials, or the SQLite file. */
export function describeDatabase(env: Pick<Env, 'DATABASE_URL' | 'DATABASE_PATH'>): string {
  if (!env.DATABASE_URL) return env.DATABASE_PATH
  const url = new URL(env.DATABASE_URL)
  return `${url.protocol}//${url.host}${url.pathname}`
}
