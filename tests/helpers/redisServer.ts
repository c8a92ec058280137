/**
 * A real Redis of the test's own: `redis-server` as a child process on a free loopback port,
 * started like the machine's (nothing kept on disk), so a test may shut it down and start it
 * again without touching the Redis other tests use.
 *
 * Where no Redis can be started the tests that need one are skipped with a message — except
 * in CI (`CI` set), where that is a failure: CI must run them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from './freePort'

export interface RedisServer {
  port: number
  url: string
  /** Shuts Redis down the way an operator would (`redis-cli shutdown nosave`): every key is gone. */
  shutdown(): Promise<void>
  /** Starts it again on the same port, empty. */
  start(): Promise<void>
  /** Runs a redis-cli command against it and returns its output. */
  cli(...args: string[]): string
  stop(): Promise<void>
}

/** Null when Redis can be started here; otherwise why not. */
export function redisUnavailableReason(): string | null {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) return `redis-server cannot run here (${probe.error?.message ?? probe.stderr})`
  const cli = spawnSync('redis-cli', ['--version'], { encoding: 'utf8' })
  if (cli.error || cli.status !== 0) return `redis-cli cannot run here (${cli.error?.message ?? cli.stderr})`
  return null
}

/**
 * True when the multi-node tests can run. Without Redis outside CI, says why they are skipped;
 * in CI, throws so the test file fails.
 */
export function requireRedis(suite: string): boolean {
  const reason = redisUnavailableReason()
  if (!reason) return true
  if (process.env.CI) throw new Error(`${suite} needs Redis, and CI must run it: ${reason}`)
  console.warn(`Skipping ${suite}: ${reason}. Install redis-server to run it (CI always does).`)
  return false
}

async function answers(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const ping = spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' })
    if (ping.stdout.trim() === 'PONG') return
    if (Date.now() > deadline) throw new Error(`redis on port ${port} did not answer: ${ping.stdout}${ping.stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strategitavlan-redis-'))
  let child: ChildProcess | null = null

  const start = async () => {
    const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir]
    child = spawn('redis-server', args, { stdio: 'ignore' })
    await answers(port, 10_000)
  }
  const exited = (proc: ChildProcess | null) =>
    new Promise<void>((resolve) => {
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) resolve()
      else proc.once('exit', () => resolve())
    })
  const cli = (...args: string[]) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout

  await start()
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    cli,
    start,
    async shutdown() {
      const proc = child
      cli('shutdown', 'nosave')
      await exited(proc)
    },
    async stop() {
      const proc = child
      proc?.kill('SIGKILL')
      await exited(proc)
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
