import { describe, expect, it } from 'vitest'
import { guestIdOf, guestUserId, isInviteOpen } from './boardAccess'

const NOW = Date.UTC(2026, 2, 10, 9, 0)

describe('isInviteOpen', () => {
  it('lets people join through a link that is neither revoked nor expired', () => {
    expect(isInviteOpen({ revokedAt: null, expiresAt: NOW + 1 }, NOW)).toBe(true)
  })

  it('closes a link at the instant it expires, not a moment later', () => {
    expect(isInviteOpen({ revokedAt: null, expiresAt: NOW }, NOW)).toBe(false)
    expect(isInviteOpen({ revokedAt: null, expiresAt: NOW - 1 }, NOW)).toBe(false)
  })

  it('closes a revoked link even before it expires', () => {
    expect(isInviteOpen({ revokedAt: NOW - 60_000, expiresAt: NOW + 60_000 }, NOW)).toBe(false)
  })

  it('judges by the clock now when no time is given', () => {
    expect(isInviteOpen({ revokedAt: null, expiresAt: Date.now() + 60_000 })).toBe(true)
    expect(isInviteOpen({ revokedAt: null, expiresAt: Date.now() - 60_000 })).toBe(false)
  })
})

describe('guest user ids', () => {
  it('name a guest apart from any staff account, and lead back to the guest', () => {
    expect(guestUserId('g1')).toBe('guest:g1')
    expect(guestIdOf(guestUserId('g1'))).toBe('g1')
    expect(guestIdOf('staff-account-id')).toBeNull()
  })
})
