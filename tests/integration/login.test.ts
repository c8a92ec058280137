/**
 * Signing in with email and password, through the app context's `verifyCredentials` over a
 * real SQLite file and real argon2 hashes: right and wrong answers, rate limits per account,
 * per account and address and per address (in Redis across two nodes), and timing that does
 * not reveal which emails have accounts.
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

const verify = (email: string, password: string, address = freshAddress()) => services.context.verifyCredentials(email, password, address)

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
    // Both really ran argon2 (about 10 ms and up on these machines; one CI run measured 9.5),
    // not a shortcut (well under a millisecond).
    expect(median(unknown)).toBeGreaterThan(4)
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
  it('guesses at an account from many addresses never stop its right password: they only slow it', async () => {
    const email = await newAccount('targeted')
    // Twelve wrong passwords from twelve addresses, none of which the account has used: the
    // last two are already slowed, as every further guess would be.
    for (let i = 0; i < 10; i++) expect(await verify(email, `gissning ${i}`)).toEqual({ ok: false, reason: 'invalid' })
    for (let i = 10; i < 12; i++) {
      const guess = await timed(() => verify(email, `gissning ${i}`))
      expect(guess.result).toEqual({ ok: false, reason: 'invalid' })
      expect(guess.ms).toBeGreaterThanOrEqual(1950)
    }
    // The person, from a new device and address, gets in — after a wait of 2 s.
    const slowed = await timed(() => verify(email, PASSWORD))
    expect(slowed.result.ok).toBe(true)
    expect(slowed.ms).toBeGreaterThanOrEqual(1950)
    // Other accounts are not slowed.
    const otherEmail = await newAccount('other')
    const other = await timed(() => verify(otherEmail, PASSWORD))
    expect(other.result.ok).toBe(true)
    expect(other.ms).toBeLessThan(1500)
  })

  it('an attacker guessing from one address is refused for ever longer, without hashing, while the person elsewhere signs in', async () => {
    const email = await newAccount('guessed')
    const attacker = freshAddress()
    for (let i = 0; i < 5; i++) expect(await verify(email, `gissning ${i}`, attacker)).toEqual({ ok: false, reason: 'invalid' })
    const refused = await timed(() => verify(email, 'gissning 5', attacker))
    expect(refused.result).toEqual({ ok: false, reason: 'rate-limited', retryAfterSeconds: 1 })
    // A refused attempt spends no hashing time.
    expect(refused.ms).toBeLessThan(10)
    // Even the right password is not checked from there before the wait is over…
    expect(await verify(email, PASSWORD, attacker)).toMatchObject({ ok: false, reason: 'rate-limited' })
    // …while from anywhere else it is.
    expect((await verify(email, PASSWORD)).ok).toBe(true)
    // The attacker's waits grow: 1 s, then 2 s.
    const attackerAgain = freshAddress()
    for (let i = 0; i < 5; i++) await verify(email, `gissning ${i}`, attackerAgain)
    expect(await verify(email, 'gissning', attackerAgain)).toMatchObject({ reason: 'rate-limited', retryAfterSeconds: 1 })
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect(await verify(email, 'gissning 6', attackerAgain)).toEqual({ ok: false, reason: 'invalid' })
    expect(await verify(email, 'gissning 7', attackerAgain)).toEqual({ ok: false, reason: 'rate-limited', retryAfterSeconds: 2 })
  })

  it('a successful sign-in starts the account’s count over', async () => {
    const email = await newAccount('reset')
    for (let i = 0; i < 10; i++) await verify(email, `gissning ${i}`)
    expect((await verify(email, PASSWORD)).ok).toBe(true)
    // Not slowed: the ten failures are forgotten.
    const next = await timed(() => verify(email, 'gissning'))
    expect(next.result).toEqual({ ok: false, reason: 'invalid' })
    expect(next.ms).toBeLessThan(1500)
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

  it('an account guessed at from elsewhere signs in at once from where it signed in before', async () => {
    const email = await newAccount('known')
    const home = freshAddress()
    expect((await verify(email, PASSWORD, home)).ok).toBe(true)
    for (let i = 0; i < 10; i++) expect((await verify(email, `gissning ${i}`)).ok).toBe(false)
    const atHome = await timed(() => verify(email, PASSWORD, home))
    expect(atHome.result.ok).toBe(true)
    expect(atHome.ms).toBeLessThan(1500)
  })
})

describe.runIf(requireRedis('the Redis-backed login limiter test'))('rate limits with REDIS_URL', () => {
  it('every node counts the same failures: a pair’s back-off and an account’s slow-down hold on both nodes', async () => {
    const redis = await startRedis()
    const nodes = await Promise.all([0, 1].map(() => createServices(testEnv({ REDIS_URL: redis.url }), silentLogger)))
    try {
      const email = `delad.${++counter}@bibliotek.example.se`
      const passwordHash = await hashPassword(PASSWORD)
      for (const node of nodes) await node.store.users.create({ email, name: 'Delad', passwordHash })
      // Five failures from one address, spread over the two nodes: the next is refused on both.
      const attacker = freshAddress()
      for (let i = 0; i < 5; i++) {
        expect(await nodes[i % 2].context.verifyCredentials(email, `gissning ${i}`, attacker)).toEqual({ ok: false, reason: 'invalid' })
      }
      for (const node of nodes) {
        expect(await node.context.verifyCredentials(email, PASSWORD, attacker)).toMatchObject({ ok: false, reason: 'rate-limited' })
      }
      // Five more from other addresses make ten for the account: both nodes slow, but admit, the right password.
      for (let i = 0; i < 5; i++) await nodes[i % 2].context.verifyCredentials(email, `gissning ${i}`, freshAddress())
      for (const node of nodes) {
        const slowed = await timed(() => node.context.verifyCredentials(email, PASSWORD, freshAddress()))
        expect(slowed.result.ok).toBe(true)
        expect(slowed.ms).toBeGreaterThanOrEqual(1950)
        // Each success starts the count over; fail ten times again for the other node.
        for (let i = 0; i < 10; i++) await nodes[i % 2].context.verifyCredentials(email, `gissning ${i}`, freshAddress())
      }
      // The counts live in Redis, not in the nodes' memory.
      const keys = redis.cli('--scan', '--pattern', 'strategitavlan:login:*')
      expect(keys).toContain('strategitavlan:login:account')
      expect(keys).toContain('strategitavlan:login:pair:')
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
