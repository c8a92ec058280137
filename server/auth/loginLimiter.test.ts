import { describe, expect, it } from 'vitest'
import { addressKey, createLoginLimiter, type LoginAttempt } from './loginLimiter'

const MINUTE = 60_000

function limiterWithClock(limits = { accountFailures: 3, addressFailures: 5, windowMs: 15 * MINUTE }) {
  let time = 1_000_000
  const limiter = createLoginLimiter({ ...limits, now: () => time })
  return {
    limiter,
    advance(ms: number) {
      time += ms
    },
  }
}

/** `count` failed attempts (attempts that never report success). */
function fail(limiter: ReturnType<typeof createLoginLimiter>, account: string, address: string, count: number) {
  const outcomes: LoginAttempt[] = []
  for (let i = 0; i < count; i++) outcomes.push(limiter.attempt(account, address))
  return outcomes
}

describe('the login limiter', () => {
  it('allows failures up to the account’s limit and refuses the next', () => {
    const { limiter } = limiterWithClock()
    expect(fail(limiter, 'anna@example.se', '10.0.0.1', 3).every((a) => a.allowed)).toBe(true)
    const refused = limiter.attempt('anna@example.se', '10.0.0.2')
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 15 * 60 })
  })

  it('limits an account from every address, and leaves other accounts alone', () => {
    const { limiter } = limiterWithClock()
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) limiter.attempt('anna@example.se', address)
    expect(limiter.attempt('anna@example.se', '10.0.0.4').allowed).toBe(false)
    expect(limiter.attempt('bertil@example.se', '10.0.0.4').allowed).toBe(true)
  })

  it('limits an address across accounts, and leaves other addresses alone', () => {
    const { limiter } = limiterWithClock()
    for (let i = 0; i < 5; i++) limiter.attempt(`user${i}@example.se`, '10.0.0.9')
    const refused = limiter.attempt('fresh@example.se', '10.0.0.9')
    expect(refused.allowed).toBe(false)
    expect(limiter.attempt('fresh@example.se', '10.0.0.10').allowed).toBe(true)
  })

  it('says how long to wait, counting from the oldest failure in the window', () => {
    const { limiter, advance } = limiterWithClock()
    limiter.attempt('anna@example.se', '10.0.0.1')
    advance(5 * MINUTE)
    fail(limiter, 'anna@example.se', '10.0.0.1', 2)
    advance(MINUTE)
    expect(limiter.attempt('anna@example.se', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 9 * 60 })
  })

  it('allows attempts again once the oldest failure leaves the window', () => {
    const { limiter, advance } = limiterWithClock()
    limiter.attempt('anna@example.se', '10.0.0.1')
    advance(5 * MINUTE)
    fail(limiter, 'anna@example.se', '10.0.0.1', 2)
    advance(10 * MINUTE - 1)
    expect(limiter.attempt('anna@example.se', '10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 1 })
    advance(1)
    expect(limiter.attempt('anna@example.se', '10.0.0.1').allowed).toBe(true)
    // That attempt failed too, so the account is at its limit again until the next one expires.
    expect(limiter.attempt('anna@example.se', '10.0.0.1').allowed).toBe(false)
  })

  it('does not count refused attempts', () => {
    const { limiter, advance } = limiterWithClock()
    fail(limiter, 'anna@example.se', '10.0.0.1', 3)
    advance(5 * MINUTE)
    expect(fail(limiter, 'anna@example.se', '10.0.0.1', 20).some((a) => a.allowed)).toBe(false)
    advance(10 * MINUTE)
    expect(fail(limiter, 'anna@example.se', '10.0.0.1', 3).every((a) => a.allowed)).toBe(true)
  })

  it('starts an account over after a successful sign-in', () => {
    const { limiter } = limiterWithClock()
    fail(limiter, 'anna@example.se', '10.0.0.1', 2)
    const success = limiter.attempt('anna@example.se', '10.0.0.1')
    if (!success.allowed) throw new Error('expected the third attempt to be allowed')
    success.succeeded()
    expect(fail(limiter, 'anna@example.se', '10.0.0.1', 3).every((a) => a.allowed)).toBe(true)
    expect(limiter.attempt('anna@example.se', '10.0.0.1').allowed).toBe(false)
  })

  it('does not count successful sign-ins against their address', () => {
    const { limiter } = limiterWithClock()
    for (let i = 0; i < 20; i++) {
      const attempt = limiter.attempt(`staff${i}@example.se`, '10.0.0.1')
      if (!attempt.allowed) throw new Error(`sign-in ${i} was refused`)
      attempt.succeeded()
    }
    expect(fail(limiter, 'typo@example.se', '10.0.0.1', 3).every((a) => a.allowed)).toBe(true)
  })

  it('keeps an address’s failures when one of its accounts signs in', () => {
    const { limiter } = limiterWithClock()
    for (let i = 0; i < 4; i++) limiter.attempt(`guess${i}@example.se`, '10.0.0.1')
    const own = limiter.attempt('attacker@example.se', '10.0.0.1')
    if (!own.allowed) throw new Error('expected the fifth attempt to be allowed')
    own.succeeded()
    limiter.attempt('guess5@example.se', '10.0.0.1')
    expect(limiter.attempt('guess6@example.se', '10.0.0.1').allowed).toBe(false)
  })

  it('uses ten failures per account and thirty per address in fifteen minutes by default', () => {
    let time = 0
    const limiter = createLoginLimiter({ now: () => time })
    expect(fail(limiter, 'anna@example.se', '10.0.0.1', 10).every((a) => a.allowed)).toBe(true)
    expect(limiter.attempt('anna@example.se', '10.0.0.2')).toEqual({ allowed: false, retryAfterSeconds: 900 })
    for (let i = 0; i < 20; i++) limiter.attempt(`user${i}@example.se`, '10.0.0.1')
    expect(limiter.attempt('other@example.se', '10.0.0.1').allowed).toBe(false)
    time += 15 * MINUTE
    expect(limiter.attempt('anna@example.se', '10.0.0.1').allowed).toBe(true)
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
