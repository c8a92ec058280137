/**
 * The servers under test, each as child processes on loopback:
 *
 * - `stock`: the y-websocket 2.1.0 server (`bin/server.cjs`), as it ships: no auth, no
 *   persistence, no limits.
 * - `ours`: the sync-only node as deployed (`node dist/sync-node.mjs`) with everything on: room tokens checked at the upgrade
 *   and access re-checked every 2 s, every update made durable in SQLite (WAL, synchronous = FULL)
 *   right after it is forwarded, the default per-socket limits.
 * - `ours, PostgreSQL` and `ours ×2, PostgreSQL`: one node, and two fanning out through a Redis
 *   of their own, on a fresh schema of the local PostgreSQL (`BENCH_DATABASE_URL`, by default
 *   the test database every machine of this project has) — how more than one node is deployed.
 * - `ours ×2, SQLite`: two nodes on one SQLite file, when no PostgreSQL answers.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { createRoomTokens } from '../lib/auth/roomToken'
import { createBoardState } from '../lib/board/createBoardDoc'
import type { Store } from '../lib/store/types'
import { openPostgresStore } from '../server/store/postgresStore'
import { openSqliteStore } from '../server/store/sqliteStore'
import { freePort } from '../tests/helpers/freePort'
import { startRedis, type RedisServer } from '../tests/helpers/redisServer'
import { spawnServer, type SpawnedServer } from '../tests/helpers/spawnServer'
import { createTestSchema } from '../tests/helpers/testPostgres'

export const BENCH_SECRET = 'benchmark-secret-benchmark-secret-benchmark'
const projectDir = path.resolve(import.meta.dirname, '..')

export type ServerKind = 'stock' | 'ours' | 'ours, PostgreSQL' | 'ours ×2, PostgreSQL' | 'ours ×2, SQLite'

export interface BenchServer {
  kind: ServerKind
  /** The processes whose CPU and memory count as the server's. */
  pids: number[]
  /** The socket URL for client `i` of the room. */
  urlFor(i: number): string
  /** Warnings and errors the server logged, counted by message. */
  warnings(): Map<string, number>
  stop(): Promise<void>
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (open) return
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export async function startStock(): Promise<BenchServer> {
  const port = await freePort()
  const bin = path.join(projectDir, 'node_modules', 'y-websocket-stock', 'bin', 'server.cjs')
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), bin], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: 'ignore',
  })
  await waitForPort(port)
  return {
    kind: 'stock',
    pids: [child.pid!],
    urlFor: () => `ws://127.0.0.1:${port}/bench-room`,
    warnings: () => new Map(),
    stop: () => stopChild(child),
  }
}

/** The PostgreSQL server to measure on, or null when none answers. */
export async function findBenchPostgres(): Promise<string | null> {
  const urls = process.env.BENCH_DATABASE_URL
    ? [process.env.BENCH_DATABASE_URL]
    : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test']
  for (const url of urls) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
    try {
      await client.connect()
      return url
    } catch {
      // the next one
    } finally {
      await client.end().catch(() => undefined)
    }
  }
  return null
}

/** A database with one board and `users` participants; returns their ids. */
export async function prepareBenchDatabase(
  dbPath: string,
  users: number,
  initialState = createBoardState({ name: 'Benchmark', locale: 'sv', includeStarterNotes: false }),
) {
  return prepareBenchStore(openSqliteStore(dbPath), users, initialState)
}

async function prepareBenchStore(
  store: Store,
  users: number,
  initialState = createBoardState({ name: 'Benchmark', locale: 'sv', includeStarterNotes: false }),
) {
  const owner = await store.users.create({ email: 'facilitator@bench.example', name: 'Facilitator', passwordHash: null })
  const board = await store.boards.create({ name: 'Benchmark', locale: 'sv', createdBy: owner.id, initialState })
  const userIds: string[] = []
  for (let i = 0; i < users; i++) {
    const user = await store.users.create({ email: `p${i}@bench.example`, name: `Deltagare ${i}`, passwordHash: null })
    await store.boards.setRole(board.id, user.id, 'participant')
    userIds.push(user.id)
  }
  await store.close()
  return { boardId: board.id, userIds }
}

interface Node {
  server: SpawnedServer
  warnings: Map<string, number>
}

async function startNode(dbPath: string, env: Record<string, string>, syncNodeFile?: string): Promise<Node> {
  const warnings = new Map<string, number>()
  const server = await spawnServer({
    name: 'our server',
    syncOnly: true,
    syncNodeFile,
    // E.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile our server.
    nodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    env: { NODE_ENV: 'production', DATABASE_PATH: dbPath, AUTH_SECRET: BENCH_SECRET, ...env },
    onLine(line) {
      // The licence reminder is for deployments, not for a server on loopback.
      if ((line.includes('"level":40') || line.includes('"level":50')) && !line.includes('TLDRAW_LICENSE_KEY')) {
        const message = (JSON.parse(line) as { msg?: string }).msg ?? line
        warnings.set(message, (warnings.get(message) ?? 0) + 1)
      }
    },
  })
  return { server, warnings }
}

/** Tokens for every client, minted once: participant `i` of the board. */
async function tokensFor(boardId: string, userIds: string[]): Promise<string[]> {
  const roomTokens = createRoomTokens({ secret: BENCH_SECRET, ttlSeconds: 3600 })
  return Promise.all(
    userIds.map(async (userId, i) => (await roomTokens.mint({ userId, name: `Deltagare ${i}`, boardId, role: 'participant' })).token),
  )
}

function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `strategitavlan-bench-${label}-`))
}

export interface OurServer extends BenchServer {
  /** ws://127.0.0.1:PORT of the first node. */
  baseUrl: string
}

/**
 * Our server on a fresh database with one board and `clients` participants, or on `dbPath`
 * as it is (then `urlFor` is not for use: the caller mints its own tokens).
 */
export async function startOurs(options: {
  clients: number
  nodes?: 1 | 2
  dbPath?: string
  /** A PostgreSQL server: the nodes then share a fresh schema on it instead of a SQLite file. */
  postgresUrl?: string
  /** More of the server's settings (e.g. `ROOM_IDLE_UNLOAD_MS`). */
  env?: Record<string, string>
  /** Another build of the sync node to run instead of dist/sync-node.mjs (an A/B of two versions). */
  syncNodeFile?: string
}): Promise<OurServer> {
  const nodes = options.nodes ?? 1
  const dir = options.dbPath ? null : tempDir(nodes === 1 ? 'ours' : 'ours2')
  const dbPath = options.dbPath ?? path.join(dir!, 'bench.db')
  let env: Record<string, string> = { ...options.env }
  let dropSchema: (() => Promise<void>) | null = null
  let prepared: { boardId: string; userIds: string[] } | null = null
  if (options.postgresUrl) {
    const schema = await createTestSchema(options.postgresUrl)
    dropSchema = schema.drop
    env = { ...env, DATABASE_URL: schema.url }
    prepared = await prepareBenchStore(await openPostgresStore({ connectionString: schema.url }), options.clients)
  } else if (!options.dbPath) {
    prepared = await prepareBenchDatabase(dbPath, options.clients)
  }
  const tokens = prepared ? await tokensFor(prepared.boardId, prepared.userIds) : []
  let redis: RedisServer | null = null
  if (nodes === 2) {
    redis = await startRedis()
    env = { ...env, REDIS_URL: redis.url }
  }
  const started = await Promise.all(Array.from({ length: nodes }, () => startNode(dbPath, env, options.syncNodeFile)))
  return {
    kind: options.postgresUrl ? (nodes === 1 ? 'ours, PostgreSQL' : 'ours ×2, PostgreSQL') : nodes === 1 ? 'ours' : 'ours ×2, SQLite',
    pids: started.map(({ server }) => server.child.pid!),
    baseUrl: `ws://127.0.0.1:${started[0].server.port}`,
    warnings() {
      const all = new Map<string, number>()
      for (const node of started) for (const [message, count] of node.warnings) all.set(message, (all.get(message) ?? 0) + count)
      return all
    },
    urlFor: (i) => `ws://127.0.0.1:${started[i % nodes].server.port}/sync/${prepared!.boardId}?token=${tokens[i]}`,
    async stop() {
      await Promise.all(started.map(({ server }) => server.stop('SIGTERM')))
      if (redis) await redis.stop()
      await dropSchema?.()
      if (dir) fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

export function redisAvailable(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0
}
