/**
 * The whole app (`server/main.ts`: Next.js and the sync endpoint) as a child process on
 * port 0 over a fresh SQLite file, seeded with the demo users and board. Needs `next build`
 * to have run (the test script does it).
 */
import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { readBoard, type BoardView } from '../../lib/board/readModel'
import { openSqliteStore } from '../../server/store/sqliteStore'
import { privateDocPrefix } from '../../lib/board/docIds'
import { loadStoredDoc, noteTexts } from './boardNotes'
import { spawnServer } from './spawnServer'
import { tempDbPath, TEST_SECRET } from './syncHarness'

const projectDir = path.resolve(import.meta.dirname, '../..')

export interface AppServer {
  url: string
  port: number
  dbPath: string
  child: ChildProcess
  logs(): string
  stop(): Promise<void>
}

export async function startAppServer(extraEnv: Record<string, string> = {}): Promise<AppServer> {
  if (!fs.existsSync(path.join(projectDir, '.next', 'BUILD_ID'))) {
    throw new Error('No Next.js build: run `npx next build` (npm test does) before the end-to-end tests.')
  }
  const dbPath = tempDbPath('e2e')
  const server = await spawnServer({
    name: 'app server',
    env: { NODE_ENV: 'production', DATABASE_PATH: dbPath, AUTH_SECRET: TEST_SECRET, SEED_DEMO: 'true', ...extraEnv },
    startTimeoutMs: 90_000,
  })
  return {
    url: `http://localhost:${server.port}`,
    port: server.port,
    dbPath,
    child: server.child,
    logs: server.output,
    async stop() {
      await server.stop()
    },
  }
}

/** A board as the app server has stored it (its SQLite file), through the read model. */
export async function storedBoard(server: AppServer, boardId: string): Promise<BoardView> {
  const store = openSqliteStore(server.dbPath)
  try {
    const doc = await loadStoredDoc(store.docs, boardId)
    const board = readBoard(doc, 'sv')
    doc.destroy()
    return board
  } finally {
    await store.close()
  }
}

/**
 * The texts of the notes the server has stored in a board's private documents (one per person
 * in a private round), sorted: where a private note belongs until the reveal. A test that must
 * show a private note did not reach the others waits for it here first — the place it should
 * have gone — instead of sleeping.
 */
export async function storedPrivateTexts(server: AppServer, boardId: string): Promise<string[]> {
  const store = openSqliteStore(server.dbPath)
  try {
    const texts: string[] = []
    for (const docId of await store.docs.listDocIds(privateDocPrefix(boardId))) {
      const doc = await loadStoredDoc(store.docs, docId)
      texts.push(...noteTexts(doc))
      doc.destroy()
    }
    return texts.sort()
  } finally {
    await store.close()
  }
}
