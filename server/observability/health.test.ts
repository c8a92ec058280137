import { describe, expect, it } from 'vitest'
import { createHealthChecks } from './health'

describe('health checks', () => {
  it('is ok when every check passes, with each check’s result', async () => {
    const health = createHealthChecks()
    health.register('database', async () => undefined)
    health.register('redis', async () => 'PONG')
    const report = await health.run()
    expect(report.status).toBe('ok')
    expect(report.checks.database).toMatchObject({ ok: true })
    expect(report.checks.redis).toMatchObject({ ok: true })
    expect(report.checks.database.ms).toBeGreaterThanOrEqual(0)
  })

  it('is failing when one check throws, and says why', async () => {
    const health = createHealthChecks()
    health.register('database', async () => undefined)
    health.register('redis', async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379')
    })
    const report = await health.run()
    expect(report.status).toBe('failing')
    expect(report.checks.database.ok).toBe(true)
    expect(report.checks.redis).toMatchObject({ ok: false, error: 'connect ECONNREFUSED 127.0.0.1:6379' })
  })

  it('fails a check that does not answer in time, without waiting for it', async () => {
    const health = createHealthChecks({ timeoutMs: 50 })
    health.register('database', () => new Promise(() => undefined))
    const started = Date.now()
    const report = await health.run()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(report.checks.database).toMatchObject({ ok: false, error: 'no answer within 50 ms' })
  })

  it('replaces a check registered again under the same name', async () => {
    const health = createHealthChecks()
    health.register('redis', async () => {
      throw new Error('old')
    })
    health.register('redis', async () => undefined)
    expect((await health.run()).status).toBe('ok')
  })

  it('is ok with no checks at all', async () => {
    expect(await createHealthChecks().run()).toEqual({ status: 'ok', checks: {} })
  })
})
