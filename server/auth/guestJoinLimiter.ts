/**
 * How many new guests one client address may make through one invite link: a client that
 * throws its device cookie away (lib/auth/guestDevice.ts) is a new guest with a fresh vote
 * allowance, so a script at one address could otherwise make a link's `GUESTS_PER_INVITE`
 * voters in a minute. A guest coming back with their cookie is not counted.
 *
 * The limit is generous (`GUESTS_PER_ADDRESS_PER_HOUR`, 40): a branch's whole staff behind one
 * address joins through its link at once. Counts live in Redis when `REDIS_URL` is set (every
 * node shares them), else in this node's memory; while Redis does not answer, a node counts on
 * its own. IPv6 addresses count per /64 (`addressKey`).
 */
import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'
import { addressKey } from './loginLimiter'

export interface GuestJoinLimiter {
  /** Counts a new guest from `address` through `inviteId`; false when past the hour's limit. */
  admit(inviteId: string, address: string): Promise<boolean>
}

export function createGuestJoinLimiter(options: { perHour: number; redis?: Redis; keyPrefix?: string }): GuestJoinLimiter {
  const common = { keyPrefix: options.keyPrefix ?? 'strategitavlan:guest-joins', points: options.perHour, duration: 3600 }
  const limiter = options.redis
    ? new RateLimiterRedis({ ...common, storeClient: options.redis, insuranceLimiter: new RateLimiterMemory(common) })
    : new RateLimiterMemory(common)
  return {
    async admit(inviteId, address) {
      try {
        await limiter.consume(`${inviteId}\n${addressKey(address)}`)
        return true
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) return false
        throw outcome
      }
    },
  }
}
