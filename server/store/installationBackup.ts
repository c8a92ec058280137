/**
 * Backups of the whole installation (every board, account, invite, snapshot, the audit log and
 * the generated secrets), for `npm run backup` and `npm run restore` (scripts/backup.ts).
 *
 * Two forms:
 * - **SQLite file**: SQLite's online backup API copies the live database page by page into a
 *   new file, consistent even while the server writes. Restoring puts the file in place.
 * - **JSON dump** (`.json`, or `.json.gz` compressed): every row of every table, from either
 *   store, loaded into an empty store of either kind — also the way from SQLite to PostgreSQL.
 *   Binary columns are base64 (`{ "$bytes": "…" }`).
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import type { Store, StoreDump } from '../../lib/store/types'

export const INSTALLATION_BACKUP_FORMAT = 'strategitavlan-installation'

interface JsonBackup {
  format: typeof INSTALLATION_BACKUP_FORMAT
  version: 1
  createdAt: string
  from: Store['kind']
  tables: StoreDump
}

/** Copies a live SQLite database into `outFile` with SQLite's online backup. */
export async function backupSqliteFile(databasePath: string, outFile: string): Promise<void> {
  const db = new Database(databasePath, { readonly: true, fileMustExist: true })
  try {
    await db.backup(outFile)
  } finally {
    db.close()
  }
}

/**
 * Puts a SQLite backup in place as the database at `databasePath`. Refuses a file that is not
 * a sound SQLite database, and a target that already exists (move it away first: a restore
 * never overwrites data).
 */
export function restoreSqliteFile(backupFile: string, databasePath: string): void {
  const check = new Database(backupFile, { readonly: true, fileMustExist: true })
  try {
    const result = check.pragma('integrity_check', { simple: true })
    if (result !== 'ok') throw new Error(`The backup is damaged: ${String(result)}`)
    check.prepare('SELECT COUNT(*) FROM users').get()
  } finally {
    check.close()
  }
  if (fs.existsSync(databasePath)) throw new Error(`${databasePath} exists: move it away first, a restore never overwrites data.`)
  fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true })
  fs.copyFileSync(backupFile, databasePath)
}

const isGzip = (file: string) => file.endsWith('.gz')

export async function writeJsonBackup(store: Store, outFile: string): Promise<void> {
  const backup: JsonBackup = {
    format: INSTALLATION_BACKUP_FORMAT,
    version: 1,
    createdAt: new Date().toISOString(),
    from: store.kind,
    tables: await store.dump(),
  }
  const text = JSON.stringify(backup, (_key, value: unknown) =>
    value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString('base64') } : value,
  )
  const tmp = `${outFile}.partial`
  fs.writeFileSync(tmp, isGzip(outFile) ? zlib.gzipSync(text) : text)
  fs.renameSync(tmp, outFile)
}

export function readJsonBackup(file: string): StoreDump {
  const raw = fs.readFileSync(file)
  const text = (isGzip(file) ? zlib.gunzipSync(raw) : raw).toString('utf8')
  const parsed = JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const bytes = (value as { $bytes?: unknown }).$bytes
      if (typeof bytes === 'string' && Object.keys(value).length === 1) return new Uint8Array(Buffer.from(bytes, 'base64'))
    }
    return value
  }) as Partial<JsonBackup>
  if (parsed.format !== INSTALLATION_BACKUP_FORMAT || parsed.version !== 1 || !parsed.tables || typeof parsed.tables !== 'object') {
    throw new Error('Not a Strategitavlan installation backup (format strategitavlan-installation, version 1).')
  }
  return parsed.tables
}
