/**
 * `npm run backup` and `npm run restore`: the real script in a child process, against a real
 * SQLite file (backed up while the server runs) and real PostgreSQL schemas. After backup →
 * wipe → restore, every board opens identically, and so does everything else in the store.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readBoard } from '../../lib/board/readModel'
import type { Store } from '../../lib/store/types'
import { silentLogger } from '../../server/logger'
import { createServices } from '../../server/services'
import { openPostgresStore } from '../../server/store/postgresStore'
import { openSqliteStore } from '../../server/store/sqliteStore'
import { addNote, loadStoredDoc } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { tempDbPath, testEnv } from '../helpers/syncHarness'
import { createTestSchema, findTestPostgres, postgresRequired } from '../helpers/testPostgres'

const projectDir = path.resolve(import.meta.dirname, '../..')
const cleanup = createCleanup()
const postgres = await findTestPostgres()
afterEach(() => cleanup.run())

function runScript(env: Record<string, string>, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/backup.ts', ...args],
      { cwd: projectDir, env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    )
  })
}

/** Every board of the store as the read model sees it, and every row but the documents' own. */
async function contentsOf(store: Store) {
  const boards: Record<string, unknown> = {}
  for (const board of await store.boards.listAll()) {
    const doc = await loadStoredDoc(store.docs, board.id)
    boards[board.id] = { board, view: readBoard(doc, 'sv') }
    doc.destroy()
  }
  const dump = await store.dump()
  return {
    boards,
    users: await store.users.list(),
    audit: await store.audit.list(),
    snapshots: dump.board_snapshots.length,
    invites: dump.invites.map((row) => row.id).sort(),
    secrets: dump.secrets,
  }
}

/** An installation with two boards, notes on them, a snapshot, an invite and audit entries. */
async function furnish(store: Store, services?: Awaited<ReturnType<typeof createServices>>) {
  const user = await store.users.create({
    email: 'anna@bibliotek.example.se',
    name: 'Anna Lind',
    passwordHash: 'argon-hash',
    isAdmin: true,
  })
  const { createBoardState } = await import('../../lib/board/createBoardDoc')
  for (const name of ['Planeringsdag', 'Verksamhetsplan 2027']) {
    const board = await store.boards.create({
      name,
      locale: 'sv',
      createdBy: user.id,
      initialState: createBoardState({ name, locale: 'sv', includeStarterNotes: true }),
    })
    if (services) {
      await services.sync.changeDoc(board.id, (doc) => addNote(doc, `n-${name}`, `Idé på ${name}`))
      await services.snapshots.take(board.id, 'Efter röstning', { id: user.id, name: user.name })
    }
    await store.invites.create({
      boardId: board.id,
      role: 'participant',
      label: 'Filial',
      createdBy: user.id,
      expiresAt: Date.now() + 1e6,
      tokenHash: name.padEnd(64, 'x'),
    })
    await store.audit.append({
      actor: { id: user.id, name: user.name },
      action: 'board-created',
      boardId: board.id,
      targetId: null,
      detail: null,
    })
  }
  await store.getOrCreateSecret('auth', () => 'the-generated-secret')
}

describe('installation backup and restore', () => {
  it('backs up a running SQLite installation, and restores it after a wipe identically', async () => {
    const databasePath = tempDbPath('backup')
    const services = await createServices(testEnv({ DATABASE_PATH: databasePath }), silentLogger)
    await furnish(services.store, services)
    await services.sync.close()
    const before = await contentsOf(services.store)
    const out = path.join(path.dirname(databasePath), 'backup.db')
    // Online: the server's store is still open.
    const backedUp = await runScript({ DATABASE_PATH: databasePath }, ['backup', out])
    expect(backedUp, backedUp.output).toMatchObject({ code: 0 })
    services.housekeeping.stop()
    await services.store.close()

    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${databasePath}${suffix}`, { force: true })
    const restored = await runScript({ DATABASE_PATH: databasePath }, ['restore', out])
    expect(restored, restored.output).toMatchObject({ code: 0 })
    const store = openSqliteStore(databasePath)
    cleanup.add(() => store.close())
    expect(await contentsOf(store)).toEqual(before)
    expect(Object.keys(before.boards)).toHaveLength(2)

    // A restore never overwrites a database.
    const again = await runScript({ DATABASE_PATH: databasePath }, ['restore', out])
    expect(again.code).toBe(1)
    expect(again.output).toMatch(/exists/)
  })

  it('refuses a file that is not a backup', async () => {
    const databasePath = tempDbPath('backup-bad')
    const bogus = path.join(path.dirname(databasePath), 'bogus.json')
    fs.writeFileSync(bogus, JSON.stringify({ format: 'something-else' }))
    const result = await runScript({ DATABASE_PATH: databasePath }, ['restore', bogus])
    expect(result.code).toBe(1)
    expect(result.output).toMatch(/Not a Strategitavlan installation backup/)
    expect((await runScript({ DATABASE_PATH: databasePath }, ['frobnicate'])).code).toBe(2)
  })

  describe.runIf(postgres.ok || postgresRequired)('with PostgreSQL', () => {
    async function schema() {
      if (!postgres.ok) throw new Error(postgres.problem)
      const created = await createTestSchema(postgres.url)
      cleanup.add(() => created.drop())
      return created
    }

    it('dumps a PostgreSQL installation and restores it into an empty schema identically', async () => {
      const source = await schema()
      const target = await schema()
      const store = await openPostgresStore({ connectionString: source.url })
      cleanup.add(() => store.close())
      await furnish(store)
      const before = await contentsOf(store)
      const out = path.join(path.dirname(tempDbPath('pg-backup')), 'backup.json.gz')
      expect((await runScript({ DATABASE_URL: source.url }, ['backup', out])).code).toBe(0)
      const result = await runScript({ DATABASE_URL: target.url }, ['restore', out])
      expect(result, result.output).toMatchObject({ code: 0 })
      const restored = await openPostgresStore({ connectionString: target.url })
      cleanup.add(() => restored.close())
      expect(await contentsOf(restored)).toEqual(before)
    })

    it('moves a SQLite installation to PostgreSQL through a dump', async () => {
      const databasePath = tempDbPath('to-pg')
      const sqlite = openSqliteStore(databasePath)
      await furnish(sqlite)
      const before = await contentsOf(sqlite)
      await sqlite.close()
      const out = path.join(path.dirname(databasePath), 'backup.json')
      expect((await runScript({ DATABASE_PATH: databasePath }, ['backup', out])).code).toBe(0)
      const target = await schema()
      const result = await runScript({ DATABASE_URL: target.url }, ['restore', out])
      expect(result, result.output).toMatchObject({ code: 0 })
      const restored = await openPostgresStore({ connectionString: target.url })
      cleanup.add(() => restored.close())
      expect(await contentsOf(restored)).toEqual(before)
    })
  })
})
