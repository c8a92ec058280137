import { describe, expect, it } from 'vitest'
import { addressKey, createLoginLimiter, type LoginAttempt, type LoginLimiter, type LoginLimits } from './loginLimiter'

/** A limiter in memory whose address delays are recorded instead of waited. */
function testLimiter(limits: Partial<LoginLimits> = {}) {
  const delays: number[] = []
  const limiter = createLoginLimiter({
    accountFailures: 3,
    addressFailures: 5,
    windowMs: 15 * 60_000,
    ...limits,
    sleep: async (ms) => {
      delays.push(ms)
    },
  })
  return { limiter, delays }
}

/** `count` failed attempts (attempts that never report success), one after another. */
async function fail(limiter: LoginLimiter, account: string, address: string, count: number) {
  const outcomes: LoginAttempt[] = []
  for (let i = 0; i < count; i++) outcomes.push(await limiter.attempt(account, address))
  return outcomes
}

async function succeed(limiter: LoginLimiter, account: string, address: string) {
  const attempt = await limiter.attempt(account, address)
  if (!attempt.allowed) throw new Error(`${account} from ${address} was refused`)
  await attempt.succeeded()
}

describe('the login limiter', () => {
  it('lets one account and address fail a few times at once, then makes each attempt wait longer, saying how long', async () => {
    const { limiter } = testLimiter({ pairFailures: 3, accountFailures: 100 })
    expect((await fail(limiter, 'anna@example.se', '10.0.0.1', 3)).every((a) => a.allowed)).toBe(true)
    const refused = await limiter.attempt('anna@example.se', '10.0.0.1')
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 1 })
    // Another address, or another account from this address, is not held up.
    expect((await limiter.attempt('anna@example.se', '10.0.0.2')).allowed).toBe(true)
    expect((await limiter.attempt('bertil@example.se', '10.0.0.1')).allowed).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await limiter.attempt('anna@example.se', '10.0.0.1')).allowed).toBe(true)
    // The next wait is twice as long.
    expect(await limiter.attempt('anna@example.se', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 2 })
  })

  it('counts parallel guesses of one pair: no more than the free ones and one turn get through at once', async () => {
    const { limiter } = testLimiter({ pairFailures: 3, accountFailures: 100 })
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => limiter.attempt('anna@example.se', '10.0.1.1')))
    expect(outcomes.filter((a) => a.allowed)).toHaveLength(3)
  })

  it('caps the pair’s wait', async () => {
    const { limiter } = testLimiter({ pairFailures: 1, pairDelayMs: 1000, pairMaxDelayMs: 2000, accountFailures: 100 })
    await limiter.attempt('anna@example.se', '10.0.0.1')
    expect(await limiter.attempt('anna@example.se', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1 })
    await new Promise((resolve) => setTimeout(resolve, 1100))
    await limiter.attempt('anna@example.se', '10.0.0.1')
    await new Promise((resolve) => setTimeout(resolve, 2100))
    await limiter.attempt('anna@example.se', '10.0.0.1')
    // 1 s, 2 s, then 2 s again rather than 4 s.
    expect(await limiter.attempt('anna@example.se', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 2 })
  })

  it('never refuses an account guessed from many addresses: past its limit, attempts from addresses it does not know wait', async () => {
    const { limiter, delays } = testLimiter()
    await succeed(limiter, 'anna@example.se', '10.0.0.1')
    for (let i = 0; i < 3; i++) expect((await limiter.attempt('anna@example.se', `10.6.6.${i}`)).allowed).toBe(true)
    expect(delays).toEqual([])
    // The person from a new address: slowed, not refused.
    expect((await limiter.attempt('anna@example.se', '10.7.7.7')).allowed).toBe(true)
    expect(delays).toEqual([2000])
    // From where they signed in before: not even slowed.
    expect((await limiter.attempt('anna@example.se', '10.0.0.1')).allowed).toBe(true)
    expect(delays).toEqual([2000])
    // Other accounts are not slowed.
    expect((await limiter.attempt('bertil@example.se', '10.7.7.8')).allowed).toBe(true)
    expect(delays).toEqual([2000])
  })

  it('never refuses an address past its limit: every attempt from it waits a short delay, right or wrong', async () => {
    const { limiter, delays } = testLimiter()
    for (let i = 0; i < 5; i++) await limiter.attempt(`user${i}@example.se`, '10.0.0.9')
    expect(delays).toEqual([])
    const next = await limiter.attempt('fresh@example.se', '10.0.0.9')
    expect(next.allowed).toBe(true)
    expect(delays).toEqual([1000])
    // Other addresses are not slowed.
    expect((await limiter.attempt('fresh@example.se', '10.0.0.10')).allowed).toBe(true)
    expect(delays).toEqual([1000])
  })

  it('forgets a pair’s failures once the window has passed', async () => {
    const { limiter } = testLimiter({ pairFailures: 2, pairDelayMs: 5000, windowMs: 1000 })
    await fail(limiter, 'anna@example.se', '10.0.0.1', 2)
    // The second failure took a 5 s turn: the third attempt must wait.
    expect((await limiter.attempt('anna@example.se', '10.0.0.1')).allowed).toBe(false)
    expect((await limiter.attempt('anna@example.se', '10.0.0.2')).allowed).toBe(true)
  })

  it('does not count refused attempts anywhere', async () => {
    const { limiter, delays } = testLimiter({ pairFailures: 3 })
    await fail(limiter, 'anna@example.se', '10.0.0.1', 3)
    expect((await fail(limiter, 'anna@example.se', '10.0.0.1', 20)).some((a) => a.allowed)).toBe(false)
    // Three failures count against the address and the account; the refused twenty do not.
    await fail(limiter, 'bertil@example.se', '10.0.0.1', 2)
    expect(delays).toEqual([])
  })

  it('starts an account and its pair over after a successful sign-in', async () => {
    const { limiter, delays } = testLimiter({ pairFailures: 2 })
    await fail(limiter, 'anna@example.se', '10.0.0.1', 2)
    expect((await limiter.attempt('anna@example.se', '10.0.0.1')).allowed).toBe(false)
    await succeed(limiter, 'anna@example.se', '10.0.0.2')
    await fail(limiter, 'anna@example.se', '10.0.0.3', 2)
    expect(delays).toEqual([])
  })

  it('a successful sign-in clears the pair’s wait', async () => {
    const { limiter } = testLimiter({ pairFailures: 1, accountFailures: 100 })
    await succeed(limiter, 'anna@example.se', '10.0.0.1')
    expect((await limiter.attempt('anna@example.se', '10.0.0.1')).allowed).toBe(true)
    expect((await limiter.attempt('anna@example.se', '10.0.0.1')).allowed).toBe(false)
  })

  it('does not count successful sign-ins against their address', async () => {
    const { limiter, delays } = testLimiter()
    for (let i = 0; i < 20; i++) await succeed(limiter, `staff${i}@example.se`, '10.0.0.1')
    await fail(limiter, 'typo@example.se', '10.0.0.1', 3)
    expect(delays).toEqual([])
  })

  it('keeps an address’s failures when one of its accounts signs in', async () => {
    const { limiter, delays } = testLimiter()
    for (let i = 0; i < 4; i++) await limiter.attempt(`guess${i}@example.se`, '10.0.0.1')
    await succeed(limiter, 'attacker@example.se', '10.0.0.1')
    await limiter.attempt('guess5@example.se', '10.0.0.1')
    expect(delays).toEqual([])
    await limiter.attempt('guess6@example.se', '10.0.0.1')
    expect(delays).toEqual([1000])
  })

  it('uses five failures per pair, ten per account, thirty per address and fifteen minutes by default', async () => {
    const delays: number[] = []
    const limiter = createLoginLimiter({ sleep: async (ms) => void delays.push(ms) })
    expect((await fail(limiter, 'anna@example.se', '10.0.0.1', 5)).every((a) => a.allowed)).toBe(true)
    expect(await limiter.attempt('anna@example.se', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1 })
    for (let i = 0; i < 5; i++) expect((await limiter.attempt('anna@example.se', `10.0.1.${i}`)).allowed).toBe(true)
    expect(delays).toEqual([])
    expect((await limiter.attempt('anna@example.se', '10.0.2.1')).allowed).toBe(true)
    expect(delays).toEqual([2000])
    for (let i = 0; i < 25; i++) await limiter.attempt(`user${i}@example.se`, '10.0.0.1')
    expect(delays).toEqual([2000])
    expect((await limiter.attempt('other@example.se', '10.0.0.1')).allowed).toBe(true)
    expect(delays).toEqual([2000, 1000])
  })
})

describe('addressKey', () => {
  it('keeps IPv4 addresses as they are, also when mapped into IPv6', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7')
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7')
  })

  it('counts IPv6 addresses of one /64 together, however they are written', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:0DB8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'))
  })
})
