/**
 * Which guest a device already is on an invite link. An invite link names a person once per
 * device: the first sign-in through the link from a browser creates a guest and leaves a signed,
 * HTTP-only cookie naming that guest for this link; a later sign-in through the same link from
 * that browser (after signing out, or when the 12-hour session ran out) is the same guest again,
 * under the name they give now. Being the same guest means the same voter, so a re-join does
 * not bring a fresh vote allowance.
 *
 * A client that throws the cookie away is a new guest: the link cannot tell it from the next
 * person at the branch. A link makes at most GUESTS_PER_INVITE guests (lib/auth/nextAuthOptions.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

const COOKIE_PREFIX = 'strategitavlan-guest-'
/** A cookie is kept at most this long, and never past the invite's expiry. */
const MAX_AGE_SECONDS = 90 * 24 * 60 * 60

export const guestDeviceCookieName = (inviteId: string) => `${COOKIE_PREFIX}${inviteId.replace(/[^A-Za-z0-9_-]/g, '')}`

function signature(secret: string, inviteId: string, guestId: string): Buffer {
  return createHmac('sha256', secret).update(`guest-device\0${inviteId}\0${guestId}`).digest()
}

export function guestDeviceCookieValue(secret: string, inviteId: string, guestId: string): string {
  return `${guestId}.${signature(secret, inviteId, guestId).toString('base64url')}`
}

/** The guest id a device's cookie for this invite names, when the server signed it; else null. */
export function guestIdFromCookies(cookieHeader: string | undefined, secret: string, inviteId: string): string | null {
  if (!cookieHeader) return null
  const name = guestDeviceCookieName(inviteId)
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    const value = decodeURIComponent(part.slice(eq + 1).trim())
    const dot = value.lastIndexOf('.')
    if (dot <= 0 || value.length > 200) return null
    const guestId = value.slice(0, dot)
    const given = Buffer.from(value.slice(dot + 1), 'base64url')
    const expected = signature(secret, inviteId, guestId)
    return given.length === expected.length && timingSafeEqual(given, expected) ? guestId : null
  }
  return null
}

/** How long the cookie lives: until the invite expires, at most 90 days. */
export function guestDeviceMaxAge(inviteExpiresAt: number, now = Date.now()): number {
  return Math.max(0, Math.min(MAX_AGE_SECONDS, Math.floor((inviteExpiresAt - now) / 1000)))
}
