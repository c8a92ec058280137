/**
 * The PostgreSQL server tests run against: `TEST_DATABASE_URL` when set, otherwise the local
 * server every development and CI machine of this project has (127.0.0.1:5432, trust auth,
 * database `test`, as user `postgres` or `root`). Each test gets a schema of its own, dropped
 * afterwards, so runs neither see nor disturb each other's tables.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

const DEFAULT_URLS = ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test']

export type TestPostgres = { ok: true; url: string } | { ok: false; problem: string }

/** The first configured PostgreSQL that answers, or what is missing. */
export async function findTestPostgres(): Promise<TestPostgres> {
  const configured = process.env.TEST_DATABASE_URL
  const urls = configured ? [configured] : DEFAULT_URLS
  const problems: string[] = []
  for (const url of urls) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 })
    try {
      await client.connect()
      await client.query('SELECT 1')
      return { ok: true, url }
    } catch (error) {
      problems.push(`${redact(url)}: ${(error as Error).message}`)
    } finally {
      await client.end().catch(() => undefined)
    }
  }
  return {
    ok: false,
    problem:
      `no PostgreSQL server answered (${problems.join('; ')}). Start PostgreSQL on 127.0.0.1:5432 with a ` +
      'database "test", or set TEST_DATABASE_URL.',
  }
}

/** In CI a missing PostgreSQL is a failure; on a developer's machine it may be skipped. */
export const postgresRequired = Boolean(process.env.CI)

export interface TestSchema {
  schema: string
  /** The server's URL with this schema as its search path (for a server in a child process). */
  url: string
  drop(): Promise<void>
}

/** Creates an empty schema `st_<random>`. */
export async function createTestSchema(serverUrl: string): Promise<TestSchema> {
  const schema = `st_${randomBytes(6).toString('hex')}`
  await adminQuery(serverUrl, `CREATE SCHEMA ${schema}`)
  const url = new URL(serverUrl)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return {
    schema,
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  }
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'TEST_DATABASE_URL (not a URL)'
  }
}
