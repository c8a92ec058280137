/**
 * Backs up or restores the whole installation, against the configured database
 * (DATABASE_URL, or else DATABASE_PATH):
 *
 *   npm run backup                       → backups/strategitavlan-<time>.db (SQLite) or .json.gz (PostgreSQL)
 *   npm run backup -- <file>             → that file; .db is a SQLite copy, .json / .json.gz a dump
 *   npm run restore -- <file>            → into an empty database (a new SQLite file, an empty schema)
 *
 * A SQLite backup is taken online (the server may keep running). Restore with the server
 * stopped. Exit codes: 0 done, 1 refused or failed, 2 usage.
 */
import fs from 'node:fs'
import path from 'node:path'
import { EnvError, loadEnv } from '../lib/env'
import { silentLogger } from '../server/logger'
import { backupSqliteFile, readJsonBackup, restoreSqliteFile, writeJsonBackup } from '../server/store/installationBackup'
import { describeDatabase, openStore } from '../server/store/openStore'

const USAGE = `Usage:
  npm run backup [-- <file.db | file.json | file.json.gz>]
  npm run restore -- <file>`

async function backup(target: string | undefined) {
  const env = loadEnv()
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const out = target ?? path.join('backups', `strategitavlan-${stamp}${env.DATABASE_URL ? '.json.gz' : '.db'}`)
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true })
  if (out.endsWith('.db')) {
    if (env.DATABASE_URL) throw new Error('A .db backup is for SQLite; with DATABASE_URL use .json.gz, or pg_dump (docs/operations.md).')
    await backupSqliteFile(env.DATABASE_PATH, out)
  } else {
    const store = await openStore(env, silentLogger)
    try {
      await writeJsonBackup(store, out)
    } finally {
      await store.close()
    }
  }
  console.log(`Backed up ${describeDatabase(env)} to ${out}`)
}

async function restore(file: string | undefined) {
  if (!file) throw new UsageError('the backup file to restore is required')
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`)
  const env = loadEnv()
  if (file.endsWith('.db')) {
    if (env.DATABASE_URL) throw new Error('A .db backup restores into SQLite; unset DATABASE_URL, or restore a .json.gz dump.')
    restoreSqliteFile(file, env.DATABASE_PATH)
  } else {
    const tables = readJsonBackup(file)
    const store = await openStore(env, silentLogger)
    try {
      await store.load(tables)
    } finally {
      await store.close()
    }
  }
  console.log(`Restored ${file} into ${describeDatabase(env)}`)
}

class UsageError extends Error {}

async function main() {
  const [command, file, ...rest] = process.argv.slice(2)
  if (rest.length > 0) throw new UsageError('one file at most')
  if (command === 'backup') return backup(file)
  if (command === 'restore') return restore(file)
  throw new UsageError(`unknown command ${command ?? ''}`)
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`)
      process.exit(2)
    }
    console.error(error instanceof EnvError ? error.message : `Failed: ${error.message}`)
    process.exit(1)
  },
)
