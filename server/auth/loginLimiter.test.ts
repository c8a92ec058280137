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
  it('allows failures up to the account’s limit and refuses the next, saying how long to wait', async () => {
    const { limiter } = testLimiter()
    expect((await fail(limiter, 'anna@example.se', '10.0.0.1', 3)).every((a) => a.allowed)).toBe(true)
    const refused = await limiter.attempt('anna@example.se', '10.0.0.2')
    expect(refused.allowed).toBe(false)
    const { retryAfterSeconds } = refused as { retryAfterSeconds: number }
    expect(retryAfterSeconds).toBeGreaterThan(14 * 60)
    expect(retryAfterSeconds).toBeLessThanOrEqual(15 * 60)
  })

  it('limits an account from every address, and leaves other accounts alone', async () => {
    const { limiter } = testLimiter()
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) await limiter.attempt('anna@example.se', address)
    expect((await limiter.attempt('anna@example.se', '10.0.0.4')).allowed).toBe(false)
    expect((await limiter.attempt('bertil@example.se', '10.0.0.4')).allowed).toBe(true)
  })

  it('counts parallel guesses: no more than the limit get through at once', async () => {
    const { limiter } = testLimiter()
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => limiter.attempt('anna@example.se', `10.0.1.${Math.random()}`)))
    expect(outcomes.filter((a) => a.allowed)).toHaveLength(3)
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

  it('an account locked by guesses from elsewhere still signs in from an address it signed in from before', async () => {
    const { limiter } = testLimiter()
    await succeed(limiter, 'anna@example.se', '10.0.0.1')
    await fail(limiter, 'anna@example.se', '10.6.6.6', 3)
    expect((await limiter.attempt('anna@example.se', '10.6.6.7')).allowed).toBe(false)
    expect((await limiter.attempt('anna@example.se', '10.0.0.1')).allowed).toBe(true)
  })

  it('allows attempts again once the window has passed', async () => {
    const { limiter } = testLimiter({ windowMs: 1000 })
    await fail(limiter, 'anna@example.se', '10.0.0.1', 3)
    expect((await limiter.attempt('anna@example.se', '10.0.0.1')).allowed).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 1100))
    expect((await limiter.attempt('anna@example.se', '10.0.0.1')).allowed).toBe(true)
  })

  it('does not count refused attempts against the address', async () => {
    const { limiter, delays } = testLimiter()
    await fail(limiter, 'anna@example.se', '10.0.0.1', 3)
    expect((await fail(limiter, 'anna@example.se', '10.0.0.1', 20)).some((a) => a.allowed)).toBe(false)
    // Three failures count against the address; the refused twenty do not.
    await fail(limiter, 'bertil@example.se', '10.0.0.1', 2)
    expect(delays).toEqual([])
  })

  it('starts an account over after a successful sign-in', async () => {
    const { limiter } = testLimiter()
    await fail(limiter, 'anna@example.se', '10.0.0.1', 2)
    await succeed(limiter, 'anna@example.se', '10.0.0.1')
    expect((await fail(limiter, 'anna@example.se', '10.0.0.2', 3)).every((a) => a.allowed)).toBe(true)
    expect((await limiter.attempt('anna@example.se', '10.0.0.2')).allowed).toBe(false)
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

  it('uses ten failures per account, thirty per address and fifteen minutes by default', async () => {
    const delays: number[] = []
    const limiter = createLoginLimiter({ sleep: async (ms) => void delays.push(ms) })
    expect((await fail(limiter, 'anna@example.se', '10.0.0.1', 10)).every((a) => a.allowed)).toBe(true)
    const refused = await limiter.attempt('anna@example.se', '10.0.0.2')
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(14 * 60)
    for (let i = 0; i < 20; i++) await limiter.attempt(`user${i}@example.se`, '10.0.0.1')
    expect(delays).toEqual([])
    expect((await limiter.attempt('other@example.se', '10.0.0.1')).allowed).toBe(true)
    expect(delays).toEqual([1000])
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
