/**
 * Health checks for `GET /api/health`: the database always, and whatever else a deployment
 * registers (the Redis fan-out registers `redis`). A check fails by throwing or by taking
 * longer than the timeout; the server is healthy when every check passes.
 */
export type HealthCheck = () => Promise<unknown>

export interface CheckResult {
  ok: boolean
  /** How long the check took. */
  ms: number
  error?: string
}

export interface HealthReport {
  status: 'ok' | 'failing'
  checks: Record<string, CheckResult>
}

export interface HealthChecks {
  /** Adds a check under `name`, replacing one of the same name. */
  register(name: string, check: HealthCheck): void
  /** Runs every check at once. */
  run(): Promise<HealthReport>
}

export function createHealthChecks({ timeoutMs = 2000 }: { timeoutMs?: number } = {}): HealthChecks {
  const checks = new Map<string, HealthCheck>()

  async function runOne(check: HealthCheck): Promise<CheckResult> {
    const started = performance.now()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    })
    try {
      await Promise.race([check(), timeout])
      return { ok: true, ms: Math.round(performance.now() - started) }
    } catch (error) {
      return { ok: false, ms: Math.round(performance.now() - started), error: (error as Error).message }
    } finally {
      clearTimeout(timer)
    }
  }

  return {
    register(name, check) {
      checks.set(name, check)
    },
    async run() {
      const entries = await Promise.all([...checks].map(async ([name, check]) => [name, await runOne(check)] as const))
      const results = Object.fromEntries(entries)
      return { status: entries.every(([, result]) => result.ok) ? 'ok' : 'failing', checks: results }
    },
  }
}
