/**
 * Signing in with email and password, through the app context's `verifyCredentials` over a
 * real SQLite file and real argon2 hashes: right and wrong answers, rate limits per account
 * and per address, and timing that does not reveal which emails have accounts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { hashPassword } from '../../lib/auth/password'
import type { CredentialsResult } from '../../lib/runtime/appContext'
import { silentLogger } from '../../server/logger'
import { createServices, type Services } from '../../server/services'
import { requireRedis, startRedis } from '../helpers/redisServer'
import { testEnv } from '../helpers/syncHarness'

const PASSWORD = 'rätt häftapparat batteri'

let services: Services
let counter = 0
/** A fresh client address, so tests that are not about the address limit never reach it. */
const freshAddress = () => `198.51.100.${++counter}`

async function newAccount(label: string) {
  const email = `${label}.${++counter}@bibliotek.example.se`
  await services.store.users.create({ email, name: label, passwordHash: await hashPassword(PASSWORD) })
  return email
}

const verify = (email: string, password: string, address = freshAddress()) =>
  services.context.verifyCredentials(email, password, address)

async function timed(run: () => Promise<CredentialsResult>): Promise<{ ms: number; result: CredentialsResult }> {
  const start = performance.now()
  const result = await run()
  return { ms: performance.now() - start, result }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

beforeAll(async () => {
  services = await createServices(testEnv(), silentLogger)
})

afterAll(() => services.store.close())

describe('verifyCredentials', () => {
  it('accepts the right password and returns the account', async () => {
    const email = await newAccount('anna')
    const result = await verify(email.toUpperCase(), PASSWORD)
    expect(result.ok && result.user.email).toBe(email)
  })

  it('refuses a wrong password and an unknown email alike', async () => {
    const email = await newAccount('bertil')
    expect(await verify(email, 'fel lösenord')).toEqual({ ok: false, reason: 'invalid' })
    expect(await verify('nobody@bibliotek.example.se', PASSWORD)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('refuses an account that has no password', async () => {
    const email = `sso.${++counter}@bibliotek.example.se`
    await services.store.users.create({ email, name: 'Endast SSO', passwordHash: null })
    expect(await verify(email, '')).toEqual({ ok: false, reason: 'invalid' })
  })
})

describe('timing', () => {
  it('an unknown email takes as long as a wrong password', async () => {
    // Two accounts share the wrong guesses so neither reaches its limit of ten.
    const accounts = [await newAccount('timing'), await newAccount('timing')]
    const unknown: number[] = []
    const wrong: number[] = []
    for (let i = 0; i < 10; i++) {
      // Interleaved, so a slow moment of the machine hits both kinds alike.
      const a = await timed(() => verify(`unknown.${i}.${counter}@bibliotek.example.se`, 'gissning'))
      const b = await timed(() => verify(accounts[i % 2], 'gissning'))
      expect([a.result, b.result]).toEqual([
        { ok: false, reason: 'invalid' },
        { ok: false, reason: 'invalid' },
      ])
      unknown.push(a.ms)
      wrong.push(b.ms)
    }
    const ratio = median(unknown) / median(wrong)
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms, wrong ${median(wrong).toFixed(1)} ms`).toBeGreaterThan(0.7)
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms, wrong ${median(wrong).toFixed(1)} ms`).toBeLessThan(1.3)
    // Both really ran argon2 (tens of milliseconds), not a shortcut.
    expect(median(unknown)).toBeGreaterThan(10)
  })

  it('the first unknown email after start costs no more than a wrong password', async () => {
    // Each round starts the services afresh, from a fresh copy of the modules: the password
    // module keeps its dummy hash for the life of the process.
    const first: number[] = []
    const wrong: number[] = []
    for (let round = 0; round < 5; round++) {
      vi.resetModules()
      const { createServices: createFreshServices } = await import('../../server/services')
      const fresh = await createFreshServices(testEnv(), silentLogger)
      try {
        const email = `first.${++counter}@bibliotek.example.se`
        await fresh.store.users.create({ email, name: 'Först', passwordHash: await hashPassword(PASSWORD) })
        first.push((await timed(() => fresh.context.verifyCredentials(`never-seen.${round}@bibliotek.example.se`, 'x', freshAddress()))).ms)
        wrong.push((await timed(() => fresh.context.verifyCredentials(email, 'x', freshAddress()))).ms)
      } finally {
        await fresh.store.close()
      }
    }
    // Without a dummy hash made at start, the first unknown email would also pay for making it (2×).
    const ratio = median(first) / median(wrong)
    expect(ratio, `first ${median(first).toFixed(1)} ms, wrong ${median(wrong).toFixed(1)} ms`).toBeLessThan(1.5)
  })
})

describe('rate limits', () => {
  it('after ten failures an account is locked, even for the right password from elsewhere', async () => {
    const email = await newAccount('locked')
    for (let i = 0; i < 10; i++) expect((await verify(email, `gissning ${i}`)).ok).toBe(false)
    const locked = await timed(() => verify(email, PASSWORD))
    expect(locked.result).toMatchObject({ ok: false, reason: 'rate-limited' })
    const { retryAfterSeconds } = locked.result as { retryAfterSeconds: number }
    expect(retryAfterSeconds).toBeGreaterThan(14 * 60)
    expect(retryAfterSeconds).toBeLessThanOrEqual(15 * 60)
    // A refused attempt spends no hashing time.
    expect(locked.ms).toBeLessThan(10)
    // Other accounts are unaffected.
    expect((await verify(await newAccount('other'), PASSWORD)).ok).toBe(true)
  })

  it('a successful sign-in starts the account’s count over', async () => {
    const email = await newAccount('reset')
    for (let i = 0; i < 9; i++) await verify(email, `gissning ${i}`)
    expect((await verify(email, PASSWORD)).ok).toBe(true)
    for (let i = 0; i < 10; i++) expect(await verify(email, `gissning ${i}`)).toEqual({ ok: false, reason: 'invalid' })
    expect(await verify(email, PASSWORD)).toMatchObject({ ok: false, reason: 'rate-limited' })
  })

  it('thirty failures from one address never lock a correct password out of it: attempts from it are only slowed', async () => {
    const address = '203.0.113.77'
    for (let i = 0; i < 30; i++) {
      expect(await verify(`spray.${i}@bibliotek.example.se`, 'Sommar2024!', address)).toEqual({ ok: false, reason: 'invalid' })
    }
    // A colleague at the same branch signs in with the right password, after a short delay.
    const email = await newAccount('colleague')
    const slowed = await timed(() => verify(email, PASSWORD, address))
    expect(slowed.result.ok).toBe(true)
    expect(slowed.ms).toBeGreaterThanOrEqual(950)
    // Another address is not slowed.
    const elsewhere = await timed(() => verify(email, PASSWORD, '203.0.113.78'))
    expect(elsewhere.result.ok).toBe(true)
    expect(elsewhere.ms).toBeLessThan(900)
  })

  it('an account locked by guesses from elsewhere still signs in from where it signed in before', async () => {
    const email = await newAccount('targeted')
    const home = freshAddress()
    expect((await verify(email, PASSWORD, home)).ok).toBe(true)
    for (let i = 0; i < 10; i++) expect((await verify(email, `gissning ${i}`)).ok).toBe(false)
    expect(await verify(email, PASSWORD)).toMatchObject({ ok: false, reason: 'rate-limited' })
    expect((await verify(email, PASSWORD, home)).ok).toBe(true)
  })
})

describe.runIf(requireRedis('the Redis-backed login limiter test'))('rate limits with REDIS_URL', () => {
  it('every node counts the same failures: ten spread over two nodes lock the account on both', async () => {
    const redis = await startRedis()
    const nodes = await Promise.all([0, 1].map(() => createServices(testEnv({ REDIS_URL: redis.url }), silentLogger)))
    try {
      const email = `delad.${++counter}@bibliotek.example.se`
      const passwordHash = await hashPassword(PASSWORD)
      for (const node of nodes) await node.store.users.create({ email, name: 'Delad', passwordHash })
      for (let i = 0; i < 10; i++) {
        expect(await nodes[i % 2].context.verifyCredentials(email, `gissning ${i}`, freshAddress())).toEqual({ ok: false, reason: 'invalid' })
      }
      for (const node of nodes) {
        expect(await node.context.verifyCredentials(email, PASSWORD, freshAddress())).toMatchObject({ ok: false, reason: 'rate-limited' })
      }
      // The counts live in Redis, not in the nodes' memory.
      expect(redis.cli('--scan', '--pattern', 'strategitavlan:login:account*')).toContain('strategitavlan:login:account')
    } finally {
      for (const node of nodes) {
        await node.fanout.close()
        await node.closeExtras()
        await node.store.close()
      }
      await redis.stop()
    }
  })
})
