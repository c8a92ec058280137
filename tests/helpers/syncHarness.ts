/**
 * Real servers for integration tests: the sync server on port 0 over a real SQLite file, in
 * this process or as a child process, and real y-websocket clients connected to it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import WS from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { BoardRole } from '../../lib/auth/roles'
import { createBoardState } from '../../lib/board/createBoardDoc'
import { loadEnv, type Env } from '../../lib/env'
import { silentLogger } from '../../server/logger'
import { createServices, type Services } from '../../server/services'
import { runCommand, type FacilitationCommand } from '../../lib/facilitation/commands'
import type { SessionState } from '../../lib/board/session'
import { startServer, type RunningServer } from '../../server/startServer'
import { openSqliteStore } from '../../server/store/sqliteStore'
import { spawnServer, type SpawnedServer } from './spawnServer'

export const TEST_SECRET = 'integration-test-secret-integration-test-secret'

export function tempDbPath(label = 'test'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `strategitavlan-${label}-`))
  return path.join(dir, 'board.db')
}

export function testEnv(overrides: Record<string, string> = {}): Env {
  return loadEnv({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_PATH: tempDbPath(),
    AUTH_SECRET: TEST_SECRET,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    ...overrides,
  })
}

export interface SyncHarness {
  server: RunningServer
  services: Services
  env: Env
  /** ws://localhost:PORT/sync — the provider appends `/<boardId>`. */
  syncUrl: string
  userId: string
  boardId: string
  createBoard(options?: { starterNotes?: boolean }): Promise<string>
  /**
   * A room token. Without `userId`, it is for the board's facilitator or, for another role, a
   * member created with that role; with `userId`, exactly as given.
   */
  mintToken(options?: { boardId?: string; role?: BoardRole; userId?: string; name?: string }): Promise<string>
  /** A facilitation command from the board's facilitator, as the facilitation route runs it. */
  facilitate(command: FacilitationCommand, options?: { boardId?: string; now?: () => number }): Promise<SessionState>
  close(): Promise<void>
}

/** A sync-only server in this process with one user and one board. */
export async function startSyncHarness(overrides: Record<string, string> = {}): Promise<SyncHarness> {
  const env = testEnv(overrides)
  const services = await createServices(env, silentLogger)
  const server = await startServer({ env, logger: silentLogger, services, web: false })
  const user = await services.store.users.create({ email: 'facilitator@example.org', name: 'Test Facilitator', passwordHash: null })
  const createBoard = async ({ starterNotes = false } = {}) => {
    const board = await services.store.boards.create({
      name: 'Test board',
      locale: 'sv',
      createdBy: user.id,
      initialState: createBoardState({ name: 'Test board', locale: 'sv', includeStarterNotes: starterNotes }),
    })
    return board.id
  }
  const boardId = await createBoard()
  // The server re-checks every socket's role against the store, so a token must name a real
  // member's real role: other roles than facilitator get a member of their own per board.
  const members = new Map<string, Promise<{ userId: string; name: string }>>()
  const memberWithRole = (forBoard: string, role: BoardRole) => {
    const key = `${forBoard}/${role}`
    let member = members.get(key)
    if (!member) {
      member = (async () => {
        const name = `Test ${role[0].toUpperCase()}${role.slice(1)}`
        const created = await services.store.users.create({ email: `${role}.${members.size}@example.org`, name, passwordHash: null })
        if (await services.store.boards.get(forBoard)) await services.store.boards.setRole(forBoard, created.id, role)
        return { userId: created.id, name }
      })()
      members.set(key, member)
    }
    return member
  }
  return {
    server,
    services,
    env,
    syncUrl: `ws://localhost:${server.port}/sync`,
    userId: user.id,
    boardId,
    createBoard,
    async mintToken({ boardId: forBoard = boardId, role = 'facilitator', userId, name } = {}) {
      const member =
        userId !== undefined || role === 'facilitator'
          ? { userId: userId ?? user.id, name: 'Test Facilitator' }
          : await memberWithRole(forBoard, role)
      return (await services.roomTokens.mint({ userId: member.userId, name: name ?? member.name, boardId: forBoard, role })).token
    },
    facilitate: (command, { boardId: forBoard = boardId, now } = {}) =>
      runCommand(forBoard, command, {
        sync: services.context.sync,
        docs: services.store.docs,
        by: { userId: user.id, name: 'Test Facilitator' },
        now,
      }),
    close: () => server.close(),
  }
}

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves when the client has completed its first sync. */
  synced: Promise<void>
  /** Resolves with the close event when the server ends the connection for good (44xx). */
  closed: Promise<{ code: number; reason: string }>
  destroy(): void
}

export function connectClient(syncUrl: string, boardId: string, token: string, doc = new Y.Doc()): TestClient {
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    WebSocketPolyfill: WS as unknown as typeof WebSocket,
    disableBc: true,
    params: { token },
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve()
    const onSync = (state: boolean) => {
      if (state) {
        provider.off('sync', onSync)
        resolve()
      }
    }
    provider.on('sync', onSync)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    provider.on('closed', (event: { code: number; reason: string }) => resolve(event))
  })
  return {
    doc,
    provider,
    synced,
    closed,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Polls until `check` passes or the time runs out; the last failure is rethrown. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, intervalMs))
    }
  }
}

export interface SyncProcess extends SpawnedServer {
  syncUrl: string
}

/** The real sync-only node, as deployed (`node dist/sync-node.mjs`), as a child process on port 0. */
export async function spawnSyncProcess(dbPath: string, extraEnv: Record<string, string> = {}): Promise<SyncProcess> {
  const server = await spawnServer({
    name: 'sync process',
    syncOnly: true,
    env: { NODE_ENV: 'test', DATABASE_PATH: dbPath, AUTH_SECRET: TEST_SECRET, ...extraEnv },
    startTimeoutMs: 30_000,
  })
  return { ...server, syncUrl: `ws://localhost:${server.port}/sync` }
}

/** Creates a user and a board directly in a database file (for tests that spawn the server). */
export async function prepareDatabase(dbPath: string, options: { starterNotes?: boolean } = {}) {
  const store = openSqliteStore(dbPath)
  const user = await store.users.create({ email: 'facilitator@example.org', name: 'Test Facilitator', passwordHash: null })
  const board = await store.boards.create({
    name: 'Test board',
    locale: 'sv',
    createdBy: user.id,
    initialState: createBoardState({ name: 'Test board', locale: 'sv', includeStarterNotes: options.starterNotes ?? false }),
  })
  await store.close()
  return { userId: user.id, boardId: board.id }
}
