/**
 * Our server (`server/main.ts`) as a child process on port 0 of loopback, started the way a
 * deployment starts it, for the tests and the benchmarks alike: the whole app
 * (`startAppServer`), the sync server alone (`spawnSyncProcess`, `--sync-only`), and the
 * benchmark's nodes (`bench/benchServers.ts`). It is ready when it logs "Strategitavlan is
 * ready" with the port it got.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const projectDir = path.resolve(import.meta.dirname, '../..')

export interface SpawnServerOptions {
  /** Arguments to `server/main.ts`, e.g. `['--sync-only']`. */
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

export async function spawnServer(options: SpawnServerOptions): Promise<SpawnedServer> {
  const name = options.name ?? 'server'
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts', ...(options.args ?? [])], {
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
