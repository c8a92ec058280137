/**
 * Our server as a child process on port 0 of loopback, started the way a deployment starts it,
 * for the tests and the benchmarks alike: the whole app (`server/main.ts` through the tsx loader,
 * `startAppServer`), and the sync-only node as compiled JavaScript (`node dist/sync-node.mjs`,
 * built first when out of date) for `spawnSyncProcess` and the benchmark's nodes
 * (`bench/benchServers.ts`). It is ready when it logs "Strategitavlan is ready" with the port it got.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const projectDir = path.resolve(import.meta.dirname, '../..')

export interface SpawnServerOptions {
  /** The sync-only node, `node dist/sync-node.mjs`, instead of `server/main.ts`. */
  syncOnly?: boolean
  /** With `syncOnly`: another build of the sync node to run (a benchmark's A/B), not dist/sync-node.mjs. */
  syncNodeFile?: string
  /** Arguments to `server/main.ts`, e.g. `['--dev']`. */
  args?: string[]
  /** Arguments to Node itself (e.g. `--cpu-prof`). */
  nodeArgs?: string[]
  /** On top of this process's environment and the defaults (loopback, port 0, `LOG_LEVEL=info`, no demo seed). */
  env: Record<string, string>
  /** Each whole line the server writes to stdout (its JSON log), as it comes. */
  onLine?(line: string): void
  /** How long it may take to be ready. */
  startTimeoutMs?: number
  /** What the errors call it. */
  name?: string
}

export interface SpawnedServer {
  port: number
  child: ChildProcess
  /** Everything the process has written to stdout and stderr so far (for failure messages). */
  output(): string
  /** Sends a signal (SIGTERM unless named) and resolves with the exit code once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

let syncNodeBuilt = false

/** Builds dist/sync-node.mjs when it is older than its sources (once per process). */
export function ensureSyncNodeBuilt(): string {
  if (!syncNodeBuilt) {
    const build = spawnSync(process.execPath, ['scripts/build-sync.mjs'], { cwd: projectDir, encoding: 'utf8' })
    if (build.status !== 0) throw new Error(`scripts/build-sync.mjs failed:\n${build.stdout}${build.stderr}`)
    syncNodeBuilt = true
  }
  return 'dist/sync-node.mjs'
}

export async function spawnServer(options: SpawnServerOptions): Promise<SpawnedServer> {
  const name = options.name ?? 'server'
  const entry = options.syncOnly ? [options.syncNodeFile ?? ensureSyncNodeBuilt()] : ['--import', 'tsx', 'server/main.ts']
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry, ...(options.args ?? [])], {
    cwd: projectDir,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = ''
    let ready = false
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), options.startTimeoutMs ?? 60_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      for (const line of lines) {
        options.onLine?.(line)
        if (ready || !line.includes('Strategitavlan is ready')) continue
        ready = true
        clearTimeout(timer)
        resolve(JSON.parse(line).port)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${name} exited with ${code}:\n${output}`))
    })
  })
  return {
    port,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}
