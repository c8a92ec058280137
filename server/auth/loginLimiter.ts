/**
 * Sign-in rate limiting, on `rate-limiter-flexible`: in this node's memory, or in Redis when
 * `REDIS_URL` is set, so every node counts the same attempts and a restart forgets nothing.
 *
 * The rules back off; none of them locks a correct password out for long, and what one
 * address does never refuses another address (a library branch signs a whole workshop in from
 * one public address; an attacker elsewhere must not be able to block a person's account):
 *
 * - **Per account and address** (the pair): the first 5 failures within 15 minutes go at once;
 *   from then on each attempt of the pair must wait 1, 2, 4 … up to 60 s after the previous
 *   one. An attempt that comes too early is refused, unchecked, with the seconds left. Only
 *   someone guessing this account from this very address waits.
 * - **Per account**, from anywhere: past 10 failures within 15 minutes, every attempt on the
 *   account from an address where it has not signed in successfully within the last 20 days (a
 *   *known address*) waits 2 s before its password is checked, right or wrong. Never refused:
 *   guesses from elsewhere slow the account down but cannot lock the person out.
 * - **Per address**, over all accounts: past 30 failures within 15 minutes, every further
 *   attempt from the address waits 1 s before its password is checked. Never refused.
 *
 * Only failures count. An attempt is counted as failed when it starts (so parallel guesses
 * cannot slip past a limit) and taken back when it succeeds or is refused, which also clears the
 * account's and the pair's count and records the address as known for the account. IPv6
 * addresses count per /64.
 */
import { isIPv6 } from 'node:net'
import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

export interface LoginLimits {
  /** Failed attempts of one account from one address that go at once, before the pair backs off. */
  pairFailures: number
  /** The pair's first wait; each further failure doubles it, up to `pairMaxDelayMs`. */
  pairDelayMs: number
  pairMaxDelayMs: number
  /** Failed attempts per account within the window before attempts from unknown addresses wait. */
  accountFailures: number
  /** How long each attempt on an account past its limit waits, unless from a known address. */
  accountDelayMs: number
  /** Failed attempts per client address within the window before its attempts are slowed. */
  addressFailures: number
  windowMs: number
  /** How long each attempt from an address past its limit waits before it is checked. */
  addressDelayMs: number
  /** How long a successful sign-in makes its address known for the account. */
  knownAddressMs: number
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  pairFailures: 5,
  pairDelayMs: 1000,
  pairMaxDelayMs: 60_000,
  accountFailures: 10,
  accountDelayMs: 2000,
  addressFailures: 30,
  windowMs: 15 * 60 * 1000,
  addressDelayMs: 1000,
  // (At most 24 days: the in-memory store expires keys with setTimeout, which cannot wait longer.)
  knownAddressMs: 20 * 24 * 60 * 60 * 1000,
}

export type LoginAttempt =
  | { allowed: false; retryAfterSeconds: number }
  | {
      allowed: true
      /** Call when the password was right: the attempt no longer counts, the account starts over. */
      succeeded(): Promise<void>
    }

export interface LoginLimiter {
  /**
   * Starts an attempt, counted as failed unless it reports success; refused when it comes
   * before its account-and-address pair has waited out its back-off, and delayed when the
   * account (from an address it does not know) or the address is past its limit.
   */
  attempt(account: string, address: string): Promise<LoginAttempt>
  /**
   * Runs every counter once on a throwaway key, so that the first real attempt after start
   * costs what any other does (its timing must not tell anything).
   */
  warm(): Promise<void>
}

/**
 * The key an address is counted under. IPv6 addresses count per /64, the block one
 * subscriber usually gets, or a single attacker would have billions of fresh addresses.
 */
export function addressKey(address: string): string {
  const bare = address.trim().toLowerCase().replace(/%.*$/, '')
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare)
  if (mapped) return mapped[1]
  if (!isIPv6(bare)) return bare
  const [head, tail] = bare.split('::')
  const headGroups = head ? head.split(':') : []
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : []
  const groups =
    tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`
}

export interface LoginLimiterOptions extends Partial<LoginLimits> {
  /** Keep the counts in this Redis (shared by every node); without it, in this node's memory. */
  redis?: Redis
  /** Prefix of the Redis keys (tests use their own). */
  keyPrefix?: string
  sleep?: (ms: number) => Promise<void>
}

export function createLoginLimiter(options: LoginLimiterOptions = {}): LoginLimiter {
  const limits: LoginLimits = { ...DEFAULT_LOGIN_LIMITS, ...options }
  const prefix = options.keyPrefix ?? 'strategitavlan:login'
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000))
  const limiter = (name: string, points: number, ms: number): RateLimiterAbstract => {
    const common = { keyPrefix: `${prefix}:${name}`, points, duration: seconds(ms) }
    if (!options.redis) return new RateLimiterMemory(common)
    // While Redis does not answer, this node counts on its own rather than refusing everyone.
    return new RateLimiterRedis({ ...common, storeClient: options.redis, insuranceLimiter: new RateLimiterMemory(common) })
  }
  // Counted past the limit too (the failures go on counting), so the limiters hold the real count.
  const accounts = limiter('account', limits.accountFailures, limits.windowMs)
  const addresses = limiter('address', limits.addressFailures, limits.windowMs)
  const pairs = limiter('pair', limits.pairFailures, limits.windowMs)
  // One point per pair: taken by the attempt that may go, for as long as the next must wait
  // (set per take with `customDuration`, atomically in the store, as ExpressBruteFlexible does).
  const gates = limiter('pair-wait', 1, limits.pairMaxDelayMs)
  const known = limiter('known', 1, limits.knownAddressMs)

  /** Counts one failure; returns the count so far and how long the key is over its limit (0 when within it). */
  const count = async (counter: RateLimiterAbstract, key: string): Promise<{ consumed: number; overMs: number }> => {
    try {
      const result = await counter.consume(key)
      return { consumed: result.consumedPoints, overMs: 0 }
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return { consumed: outcome.consumedPoints, overMs: Math.max(1, outcome.msBeforeNext) }
      throw outcome
    }
  }

  /** Takes the pair's turn; the ms left before it may go again, or 0 when taken. */
  const takeTurn = async (pair: string, waitMs: number): Promise<number> => {
    try {
      await gates.consume(pair, 1, { customDuration: seconds(waitMs) })
      return 0
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return Math.max(1, outcome.msBeforeNext)
      throw outcome
    }
  }

  return {
    async warm() {
      const key = `warm-up ${Math.random()}`
      const address = '192.0.2.0'
      const pair = `${key}\n${address}`
      const attempt = await this.attempt(key, address)
      if (attempt.allowed) await attempt.succeeded()
      await takeTurn(pair, limits.pairDelayMs)
      await Promise.all([accounts.delete(key), addresses.delete(address), pairs.delete(pair), gates.delete(pair), known.delete(pair)])
    },
    async attempt(account, address) {
      const addressId = addressKey(address)
      const pair = `${account}\n${addressId}`
      // Counted first, atomically in the store: parallel guesses cannot all pass one check.
      const [accountCount, addressCount, pairCount] = await Promise.all([
        count(accounts, account),
        count(addresses, addressId),
        count(pairs, pair),
      ])
      // From the pair's last free failure on, each attempt takes a turn that the next must wait out.
      const backoff = pairCount.consumed - limits.pairFailures
      if (backoff >= 0) {
        const waitMs = Math.min(limits.pairMaxDelayMs, limits.pairDelayMs * 2 ** Math.min(backoff, 30))
        const leftMs = await takeTurn(pair, waitMs)
        if (leftMs > 0) {
          // Refused before any hashing: not an attempt on any count.
          await Promise.all([accounts.reward(account, 1), addresses.reward(addressId, 1), pairs.reward(pair, 1)])
          return { allowed: false, retryAfterSeconds: seconds(leftMs) }
        }
      }
      let delayMs = addressCount.overMs > 0 ? limits.addressDelayMs : 0
      if (accountCount.overMs > 0 && (await known.get(pair)) === null) delayMs = Math.max(delayMs, limits.accountDelayMs)
      if (delayMs > 0) await sleep(delayMs)
      return {
        allowed: true,
        async succeeded() {
          await Promise.all([
            accounts.delete(account),
            addresses.reward(addressId, 1),
            pairs.delete(pair),
            gates.delete(pair),
            known.set(pair, 1, seconds(limits.knownAddressMs)),
          ])
        },
      }
    },
  }
}
