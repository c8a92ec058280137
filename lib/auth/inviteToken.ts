/**
 * Invite link secrets: 256 random bits, URL-safe; only their SHA-256 is stored, so a leaked
 * database does not leak working links.
 */
import { createHash, randomBytes } from 'node:crypto'

export function newInviteToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

export function isWellFormedInviteToken(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token)
}
