import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoardState } from '../../lib/board/createBoardDoc'
import { readBoard } from '../../lib/board/readModel'
import { SQLITE_MIGRATIONS } from './sqliteMigrations'
import { openSqliteStore } from './sqliteStore'
import { describeStoreContract } from './testing/storeContract'

async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'strategitavlan-store-'))
}

describeStoreContract('SQLite', async () => {
  const dir = await tempDir()
  const store = openSqliteStore(path.join(dir, 'test.db'))
  return {
    store,
    async cleanup() {
      await store.close()
      await fs.rm(dir, { recursive: true, force: true })
    },
  }
})

describe('SQLite store file', () => {
  const dirs: string[] = []
  const newFile = async () => {
    const dir = await tempDir()
    dirs.push(dir)
    return path.join(dir, 'nested', 'folder', 'board.db')
  }

  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })))
  })

  it('keeps users, boards, roles, documents and secrets when closed and opened again', async () => {
    const file = await newFile()
    const first = openSqliteStore(file)
    const user = await first.users.create({ email: 'anna@bibliotek.example.se', name: 'Anna', passwordHash: null })
    const initialState = createBoardState({ name: 'Planeringsdag', locale: 'sv', includeStarterNotes: true, now: 0 })
    const board = await first.boards.create({ name: 'Planeringsdag', locale: 'sv', createdBy: user.id, initialState })
    await first.getOrCreateSecret('session', () => 'kept')
    await first.close()

    const second = openSqliteStore(file)
    try {
      expect(await second.users.get(user.id)).toEqual(user)
      expect(await second.boards.listForUser(user.id)).toEqual([{ ...board, role: 'facilitator' }])
      const doc = new Y.Doc()
      for (const update of (await second.docs.loadDoc(board.id)).updates) Y.applyUpdate(doc, update)
      expect(readBoard(doc, 'sv').noteCount).toBe(31)
      expect(await second.getOrCreateSecret('session', () => 'new')).toBe('kept')
    } finally {
      await second.close()
    }
  })

  it('records the schema version it migrated to', async () => {
    const file = await newFile()
    await openSqliteStore(file).close()
    const db = new Database(file, { readonly: true })
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length)
    } finally {
      db.close()
    }
  })

  it('upgrades a file made before invite links, keeping its users and boards', async () => {
    const file = await newFile()
    await fs.mkdir(path.dirname(file), { recursive: true })
    const db = new Database(file)
    db.exec(SQLITE_MIGRATIONS[0])
    db.pragma('user_version = 1')
    db.prepare('INSERT INTO users (id, email, name, is_admin, created_at) VALUES (?, ?, ?, 0, ?)').run(
      'u1',
      'anna@bibliotek.example.se',
      'Anna',
      1,
    )
    db.prepare('INSERT INTO boards (id, name, locale, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      'b1',
      'Tavla',
      'sv',
      'u1',
      1,
      1,
    )
    db.prepare('INSERT INTO board_members (board_id, user_id, role) VALUES (?, ?, ?)').run('b1', 'u1', 'facilitator')
    db.close()

    const store = openSqliteStore(file)
    try {
      expect((await store.users.findByEmail('anna@bibliotek.example.se'))?.id).toBe('u1')
      expect(await store.boards.members('b1')).toEqual([
        { userId: 'u1', name: 'Anna', email: 'anna@bibliotek.example.se', role: 'facilitator' },
      ])
      const invite = await store.invites.create({
        boardId: 'b1',
        role: 'participant',
        label: null,
        createdBy: 'u1',
        expiresAt: Date.now() + 1000,
        tokenHash: 'a'.repeat(64),
      })
      expect(await store.invites.listForBoard('b1')).toEqual([invite])
    } finally {
      await store.close()
    }
  })

  it('refuses, with a clear error, a file from a newer version of the app', async () => {
    const file = await newFile()
    await openSqliteStore(file).close()
    const db = new Database(file)
    db.pragma(`user_version = ${SQLITE_MIGRATIONS.length + 1}`)
    db.close()
    const known = SQLITE_MIGRATIONS.length
    expect(() => openSqliteStore(file)).toThrow(/created by a newer Strategitavlan/)
    expect(() => openSqliteStore(file)).toThrow(`schema ${known + 1}, this one knows ${known}`)
  })
})
