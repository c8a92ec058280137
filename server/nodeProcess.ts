/**
 * What both process entries (./main.ts, ./syncMain.ts) do alike: read the configuration or exit
 * with the full list of what is wrong, and shut down cleanly on SIGTERM or SIGINT.
 */
import { EnvError, loadEnv, type Env } from '../lib/env'
import type { Logger } from './logger'

export function loadEnvOrExit(overrides: Record<string, string> = {}): Env {
  try {
    return loadEnv({ ...process.env, ...overrides })
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error)
    process.exit(1)
  }
}

/** On SIGTERM or SIGINT: close the server (rooms written, sockets closed), then exit; after 15 s, exit anyway. */
export function closeOnSignals(server: { close(): Promise<void> }, logger: Logger) {
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: writing rooms and closing sockets')
    const forced = setTimeout(() => process.exit(1), 15_000)
    forced.unref()
    server.close().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error({ err: error.message }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
}

/** Runs an entry's `main`; an error it throws is printed and ends the process. */
export function runMain(main: () => Promise<void>) {
  main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
