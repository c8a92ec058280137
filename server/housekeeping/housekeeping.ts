/**
 * The installation's periodic chores: purging deleted boards whose grace period is over,
 * forgetting audit entries past their retention, and (when configured) removing boards nobody
 * used for RETENTION_DAYS after warning their facilitators. Runs once shortly after start and
 * then every `everyMs`; one round at a time. Every node may run it: each chore is idempotent.
 */
import type { Logger } from '../logger'

export interface Chore {
  name: string
  run(): Promise<unknown>
}

export interface Housekeeping {
  /** Runs every chore once, now (for tests and `npm run housekeeping`-style calls). */
  runOnce(): Promise<void>
  stop(): void
}

export function startHousekeeping(options: { chores: Chore[]; everyMs: number; logger: Logger; firstAfterMs?: number }): Housekeeping {
  const { chores, logger } = options
  let running: Promise<void> | null = null

  function runOnce(): Promise<void> {
    running ??= (async () => {
      for (const chore of chores) {
        try {
          const result = await chore.run()
          logger.debug({ chore: chore.name, result }, 'housekeeping')
        } catch (error) {
          logger.error({ chore: chore.name, err: (error as Error).message }, 'housekeeping chore failed')
        }
      }
    })().finally(() => (running = null))
    return running
  }

  const first = setTimeout(() => void runOnce(), options.firstAfterMs ?? 60_000)
  const timer = setInterval(() => void runOnce(), options.everyMs)
  first.unref()
  timer.unref()
  return {
    runOnce,
    stop() {
      clearTimeout(first)
      clearInterval(timer)
    },
  }
}
