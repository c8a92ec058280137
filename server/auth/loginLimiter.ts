/**
 * Sign-in rate limiting, in memory: failed attempts are counted per account and per client
 * address over a sliding window. Counting per account stops guessing one person's password
 * from many addresses; counting per address stops one address from trying many accounts.
 *
 * Only failures count against an address: a library branch signs a whole workshop in from one
 * public address, and a success gives an attacker nothing the limit protects. An attempt is
 * counted as failed when it starts (so parallel guesses cannot slip past the limit) and taken
 * back when it succeeds, which also clears the account's count.
 *
 * One node's memory: behind several nodes each keeps its own counts, which multiplies the
 * limits by the number of nodes but still bounds guessing.
 */
import { isIPv6 } from 'node:net'

export interface LoginLimits {
  /** Failed attempts allowed per account within the window. */
  accountFailures: number
  /** Failed attempts allowed per client address within the window. */
  addressFailures: number
  windowMs: number
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  accountFailures: 10,
  addressFailures: 30,
  windowMs: 15 * 60 * 1000,
}

export type LoginAttempt =
  | { allowed: false; retryAfterSeconds: number }
  | {
      allowed: true
      /** Call when the password was right: the attempt no longer counts, the account starts over. */
      succeeded(): void
    }

export interface LoginLimiter {
  /** Starts an attempt, counted as failed unless it reports success; refused when over a limit. */
  attempt(account: string, address: string): LoginAttempt
}

/** Timestamps of failures per key, oldest first, within a sliding window. */
class FailureLog {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitFor(key: string, now: number): number {
    const times = this.live(key, now)
    return times.length < this.limit ? 0 : times[times.length - this.limit] + this.windowMs - now
  }

  add(key: string, at: number) {
    const times = this.failures.get(key) ?? []
    times.push(at)
    this.failures.set(key, times)
  }

  /** Takes back one failure recorded at `at`. */
  remove(key: string, at: number) {
    const times = this.failures.get(key)
    const index = times?.lastIndexOf(at) ?? -1
    if (index >= 0) times!.splice(index, 1)
    if (times && times.length === 0) this.failures.delete(key)
  }

  clear(key: string) {
    this.failures.delete(key)
  }

  /** Forgets every failure older than the window. */
  sweep(now: number) {
    for (const key of [...this.failures.keys()]) this.live(key, now)
  }

  private live(key: string, now: number): number[] {
    const times = this.failures.get(key)
    if (!times) return []
    const firstLive = times.findIndex((at) => at > now - this.windowMs)
    if (firstLive === -1) {
      this.failures.delete(key)
      return []
    }
    if (firstLive > 0) times.splice(0, firstLive)
    return times
  }
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

export function createLoginLimiter(options: Partial<LoginLimits> & { now?: () => number } = {}): LoginLimiter {
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...options }
  const now = options.now ?? Date.now
  const accounts = new FailureLog(limits.accountFailures, limits.windowMs)
  const addresses = new FailureLog(limits.addressFailures, limits.windowMs)
  let lastSweep = now()

  return {
    attempt(account, address) {
      const at = now()
      if (at - lastSweep > limits.windowMs) {
        // Keeps memory bounded by the keys seen in the last window or two.
        accounts.sweep(at)
        addresses.sweep(at)
        lastSweep = at
      }
      const addressId = addressKey(address)
      const wait = Math.max(accounts.waitFor(account, at), addresses.waitFor(addressId, at))
      if (wait > 0) return { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) }
      accounts.add(account, at)
      addresses.add(addressId, at)
      return {
        allowed: true,
        succeeded() {
          accounts.clear(account)
          addresses.remove(addressId, at)
        },
      }
    },
  }
}
