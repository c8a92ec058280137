/**
 * A Redis of the test file's own (redisServer.ts), started before the file's tests and stopped
 * after them. Call it at the top of the file and gate the suites that need Redis on `runs`:
 * where no Redis can be started they are skipped with a message — except in CI (`CI` set),
 * where `requireRedis` throws and the whole file fails.
 */
import { afterAll, beforeAll } from 'vitest'
import { requireRedis, startRedis, type RedisServer } from './redisServer'

export interface FileRedis extends Omit<RedisServer, 'stop'> {
  /** Whether Redis runs here, so the suites that need it run. */
  readonly runs: boolean
}

export function withRedis(suite: string): FileRedis {
  const runs = requireRedis(suite)
  let server: RedisServer | null = null
  beforeAll(async () => {
    if (runs) server = await startRedis()
  })
  afterAll(async () => {
    await server?.stop()
  })
  const started = (): RedisServer => {
    if (!server) throw new Error(`${suite}: its Redis runs only while the file's tests do`)
    return server
  }
  return {
    runs,
    get port() {
      return started().port
    },
    get url() {
      return started().url
    },
    shutdown: () => started().shutdown(),
    start: () => started().start(),
    cli: (...args) => started().cli(...args),
  }
}
