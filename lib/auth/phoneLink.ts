/**
 * The board's standing phone link: the QR code the room scans. It is an ordinary participant
 * invite, but its secret is derived (HMAC under the server's secret) from the board and the
 * link's generation, so the server can show the same link again each time the dialog opens
 * instead of minting a new invite; renewing moves to the next generation, revoking ends it.
 * Phone invites are told apart from others by their label.
 */
import { createHmac } from 'node:crypto'
import type { InviteRecord } from '../store/types'

/** The label every phone invite carries (it shows on guests' presence). */
export const PHONE_LINK_LABEL = '📱'
/** A standing link lives a month; a new one is made before it runs out. */
export const PHONE_LINK_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000

export function phoneLinkToken(secret: string, boardId: string, generation: number): string {
  // 32 bytes of HMAC, base64url: 43 characters, the shape of every invite token.
  return createHmac('sha256', secret).update(`phone-link\0${boardId}\0${generation}`).digest('base64url')
}

export interface PhoneLinks {
  /** The link in use, if one is valid for at least another day. */
  current: { invite: InviteRecord; generation: number } | null
  /** The generation a new link gets. */
  nextGeneration: number
}

/** Reads a board's phone invites (newest first, as the store lists them) at `now`. */
export function phoneLinks(invites: readonly InviteRecord[], now: number): PhoneLinks {
  const phone = invites.filter((invite) => invite.label === PHONE_LINK_LABEL && invite.role === 'participant')
  // Generations count from the oldest: the newest of n links is generation n − 1.
  const newest = phone[0]
  const usable = newest && newest.revokedAt === null && newest.expiresAt - now > RENEW_BEFORE_MS
  return { current: usable ? { invite: newest, generation: phone.length - 1 } : null, nextGeneration: phone.length }
}
