/**
 * Sign-in rate limiting, on `rate-limiter-flexible`: in this node's memory, or in Redis when
 * `REDIS_URL` is set, so every node counts the same attempts and a restart forgets nothing.
 *
 * The rules, chosen so that a correct password is never locked out of an address by what others
 * do from it (a library branch signs a whole workshop in from one public address):
 *
 * - **Per account**: 10 failed attempts within 15 minutes, from anywhere, refuse the account's
 *   password sign-in for the rest of the window — except from an address where the account has
 *   signed in successfully within the last 20 days (a *known address*). Someone guessing one
 *   person's password from many addresses is stopped; the person, from where they usually sign
 *   in, is not.
 * - **Per address**: past 30 failed attempts within 15 minutes, every further attempt from the
 *   address waits a short delay (1 s by default) before its password is checked, right or wrong.
 *   Nobody is refused for their address; guessing many accounts from one address is slowed, and
 *   each account's own limit still bounds it.
 *
 * Only failures count. An attempt is counted as failed when it starts (so parallel guesses
 * cannot slip past the limit) and taken back when it succeeds, which also clears the account's
 * count and records the address as known for the account. IPv6 addresses count per /64.
 */
import { isIPv6 } from 'node:net'
import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

export interface LoginLimits {
  /** Failed attempts allowed per account within the window (known addresses excepted). */
  accountFailures: number
  /** Failed attempts per client address within the window before its attempts are slowed. */
  addressFailures: number
  windowMs: number
  /** How long each attempt from an address past its limit waits before it is checked. */
  addressDelayMs: number
  /** How long a successful sign-in makes its address known for the account. */
  knownAddressMs: number
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  accountFailures: 10,
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
   * Starts an attempt, counted as failed unless it reports success; refused when over the
   * account's limit, and delayed when the address is past its own.
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
  const limiter = (name: string, points: number, ms: number): RateLimiterAbstract => {
    const common = { keyPrefix: `${prefix}:${name}`, points, duration: Math.max(1, Math.ceil(ms / 1000)) }
    if (!options.redis) return new RateLimiterMemory(common)
    // While Redis does not answer, this node counts on its own rather than refusing everyone.
    return new RateLimiterRedis({ ...common, storeClient: options.redis, insuranceLimiter: new RateLimiterMemory(common) })
  }
  // Counted past the limit too (the failures go on counting), so the limiters hold the real count.
  const accounts = limiter('account', limits.accountFailures, limits.windowMs)
  const addresses = limiter('address', limits.addressFailures, limits.windowMs)
  const known = limiter('known', 1, limits.knownAddressMs)

  /** Counts one failure; returns how long the key is over its limit (0 when within it). */
  const count = async (counter: RateLimiterAbstract, key: string): Promise<number> => {
    try {
      await counter.consume(key)
      return 0
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return Math.max(1, outcome.msBeforeNext)
      throw outcome
    }
  }

  return {
    async warm() {
      const key = `warm-up ${Math.random()}`
      const attempt = await this.attempt(key, '192.0.2.0')
      if (attempt.allowed) await attempt.succeeded()
      await Promise.all([accounts.delete(key), addresses.delete('192.0.2.0'), known.delete(`${key}\n192.0.2.0`)])
    },
    async attempt(account, address) {
      const addressId = addressKey(address)
      const pair = `${account}\n${addressId}`
      // Counted first, atomically in the store: parallel guesses cannot all pass one check.
      const [accountOver, addressOver] = await Promise.all([count(accounts, account), count(addresses, addressId)])
      if (accountOver > 0 && (await known.get(pair)) === null) {
        // Refused before any hashing: not an attempt on the address's count.
        await addresses.reward(addressId, 1)
        return { allowed: false, retryAfterSeconds: Math.ceil(accountOver / 1000) }
      }
      if (addressOver > 0) await sleep(limits.addressDelayMs)
      return {
        allowed: true,
        async succeeded() {
          await Promise.all([accounts.delete(account), addresses.reward(addressId, 1), known.set(pair, 1, Math.ceil(limits.knownAddressMs / 1000))])
        },
      }
    },
  }
}
