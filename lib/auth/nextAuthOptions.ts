/**
 * NextAuth configuration, with JWT sessions and three ways in:
 * - `credentials`: staff email + password (checked in the server process, rate limited);
 * - `guest`: an invite link's token plus a display name — a session for one board, no account;
 * - `oidc`: single sign-on through any OpenID Connect provider, when configured.
 */
import type { NextAuthOptions, User } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import type { OAuthConfig } from 'next-auth/providers/oauth'
import type { OidcConfig } from '../env'
import { getAppContext, CLIENT_IP_HEADER, type AppContext } from '../runtime/appContext'
import type { GuestRecord, InviteRecord } from '../store/types'
import { guestUserId, isInviteOpen } from './boardAccess'
import { guestDeviceCookieName, guestDeviceCookieValue, guestDeviceMaxAge, guestIdFromCookies } from './guestDevice'
import { normalizeEmail } from './email'
import { hashInviteToken, isWellFormedInviteToken } from './inviteToken'
import { GUESTS_BUSY_ERROR, INVITE_FULL_ERROR, INVITE_INVALID_ERROR, RATE_LIMITED_ERROR } from './signInErrors'

const SESSION_HOURS = 12

export interface GuestClaims {
  guestId: string
  boardId: string
}

type SessionUserInput = User & { guest?: GuestClaims }

const cache = new WeakMap<AppContext, NextAuthOptions>()

export function getAuthOptions(): NextAuthOptions {
  const context = getAppContext()
  let options = cache.get(context)
  if (!options) {
    options = buildAuthOptions(context)
    cache.set(context, options)
  }
  return options
}

/** A display name as a guest typed it: trimmed, single-spaced, no control characters, ≤ 60. */
export function cleanDisplayName(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const name = value
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return name.length >= 1 && name.length <= 60 ? name : null
}

/** A claim's value as a list of strings (a groups claim may be one string or an array). */
function claimList(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

export function oidcProvider(config: OidcConfig): OAuthConfig<Record<string, unknown>> {
  return {
    id: 'oidc',
    name: config.name,
    type: 'oauth',
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    idToken: true,
    checks: ['pkce', 'state'],
    async profile(profile, tokens) {
      // The ID token's claims are signed and win; the userinfo endpoint fills in what a
      // provider keeps out of the ID token (strict OIDC providers release scope claims there).
      const userinfo = await fetchUserinfo(config, tokens.access_token, profile.sub)
      return userFromClaims(config, { ...userinfo, ...profile })
    },
  }
}

/** The person a provider's claims describe, by the configured claim names. */
export function userFromClaims(config: OidcConfig, claims: Record<string, unknown>) {
  // Accounts are matched by email, so an address the provider says it has not verified
  // counts as none (providers that do not send `email_verified` vouch for the address).
  const claimed = claims[config.emailClaim]
  const email = typeof claimed === 'string' && claimed.includes('@') && claims.email_verified !== false ? claimed : ''
  const named = claims[config.nameClaim]
  const name =
    (typeof named === 'string' && named) ||
    (typeof claims.name === 'string' && claims.name) ||
    (typeof claims.preferred_username === 'string' && claims.preferred_username) ||
    email
  return { id: String(claims.sub), name, email, groups: claimList(claims[config.groupsClaim]) }
}

const userinfoEndpoints = new Map<string, Promise<string | null>>()

/** The provider's userinfo for this access token, or {} when there is none or it fails. */
async function fetchUserinfo(config: OidcConfig, accessToken: string | undefined, sub: unknown): Promise<Record<string, unknown>> {
  if (!accessToken) return {}
  try {
    let endpoint = userinfoEndpoints.get(config.issuer)
    if (!endpoint) {
      endpoint = fetch(`${config.issuer}/.well-known/openid-configuration`)
        .then((response) => (response.ok ? (response.json() as Promise<{ userinfo_endpoint?: unknown }>) : { userinfo_endpoint: null }))
        .then((discovery) => (typeof discovery.userinfo_endpoint === 'string' ? discovery.userinfo_endpoint : null))
      userinfoEndpoints.set(config.issuer, endpoint)
      endpoint.catch(() => userinfoEndpoints.delete(config.issuer))
    }
    const url = await endpoint
    if (!url) return {}
    const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } })
    if (!response.ok) return {}
    const claims = (await response.json()) as Record<string, unknown>
    // Userinfo about someone else than the ID token's subject is not this person's (OIDC Core 5.3.2).
    return claims && typeof claims === 'object' && claims.sub === sub ? claims : {}
  } catch {
    return {}
  }
}

type AuthContext = Pick<AppContext, 'authSecret' | 'verifyCredentials' | 'store' | 'oidc'> &
  Partial<Pick<AppContext, 'audit' | 'passwordSignIn' | 'publicUrl' | 'guestsPerInvite' | 'admitNewGuest'>>

const DEFAULT_GUESTS_PER_INVITE = 200

/**
 * Leaves the cookie that makes this browser the same guest on its next sign-in through the
 * link. Set through Next.js's cookie store, which adds it to the sign-in route's response;
 * outside a request (unit tests calling `authorize` directly) there is none, and nothing is set.
 */
async function rememberGuestDevice(context: AuthContext, invite: Pick<InviteRecord, 'id' | 'expiresAt'>, guestId: string) {
  let jar: Awaited<ReturnType<typeof import('next/headers').cookies>>
  try {
    jar = await (await import('next/headers')).cookies()
  } catch {
    return
  }
  jar.set(guestDeviceCookieName(invite.id), guestDeviceCookieValue(context.authSecret, invite.id, guestId), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: context.publicUrl?.startsWith('https:') ?? false,
    maxAge: guestDeviceMaxAge(invite.expiresAt),
  })
}

export function buildAuthOptions(context: AuthContext): NextAuthOptions {
  const providers: NextAuthOptions['providers'] = []
  // With PASSWORD_SIGNIN=false there is no password provider at all, so no request can use one.
  if (context.passwordSignIn !== false)
    providers.push(
      CredentialsProvider({
        id: 'credentials',
        name: 'E-post och lösenord',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, request) {
          const email = typeof credentials?.email === 'string' ? credentials.email.trim() : ''
          const password = typeof credentials?.password === 'string' ? credentials.password : ''
          if (!email || !password || email.length > 320 || password.length > 1024) return null
          const headers = (request?.headers ?? {}) as Record<string, string | undefined>
          const clientIp = headers[CLIENT_IP_HEADER] ?? 'unknown'
          const result = await context.verifyCredentials(email, password, clientIp)
          if (!result.ok) {
            if (result.reason === 'rate-limited') throw new Error(RATE_LIMITED_ERROR)
            return null
          }
          return { id: result.user.id, name: result.user.name, email: result.user.email }
        },
      }),
    )
  providers.push(
    CredentialsProvider({
      id: 'guest',
      name: 'Invite link',
      credentials: { token: { type: 'text' }, name: { type: 'text' } },
      async authorize(credentials, request) {
        const token = credentials?.token
        const name = cleanDisplayName(credentials?.name)
        if (!isWellFormedInviteToken(token) || !name) throw new Error(INVITE_INVALID_ERROR)
        const invite = await context.store.invites.findByTokenHash(hashInviteToken(token))
        if (!invite || !isInviteOpen(invite)) throw new Error(INVITE_INVALID_ERROR)
        // The same browser through the same link is the same guest (lib/auth/guestDevice.ts).
        const headers = (request?.headers ?? {}) as Record<string, string | undefined>
        const knownId = guestIdFromCookies(headers.cookie, context.authSecret, invite.id)
        const known = knownId ? await context.store.guests.get(knownId) : null
        let guest: GuestRecord
        if (known && known.inviteId === invite.id && known.boardId === invite.boardId) {
          if (known.name !== name) await context.store.guests.rename(known.id, name)
          guest = { ...known, name }
        } else {
          // A link names a bounded number of people: a client that throws its cookie away cannot
          // make guests (and vote allowances) without end. (Two joins at once may pass one over.)
          const limit = context.guestsPerInvite ?? DEFAULT_GUESTS_PER_INVITE
          if ((await context.store.guests.listForInvite(invite.id)).length >= limit) throw new Error(INVITE_FULL_ERROR)
          // Nor can one address make them faster than a branch's staff joins (server/auth/guestJoinLimiter.ts).
          if (context.admitNewGuest && !(await context.admitNewGuest(invite.id, headers[CLIENT_IP_HEADER] ?? 'unknown'))) {
            throw new Error(GUESTS_BUSY_ERROR)
          }
          guest = await context.store.guests.create({ boardId: invite.boardId, inviteId: invite.id, name })
        }
        await rememberGuestDevice(context, invite, guest.id)
        const user: SessionUserInput = {
          id: guestUserId(guest.id),
          name: guest.name,
          email: null,
          guest: { guestId: guest.id, boardId: guest.boardId },
        }
        return user
      },
    }),
  )
  if (context.oidc) providers.push(oidcProvider(context.oidc))
  const oidc = context.oidc

  return {
    secret: context.authSecret,
    session: { strategy: 'jwt', maxAge: SESSION_HOURS * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    providers,
    events: {
      // Every sign-in goes to the audit log, under the id the rest of the app knows the person by.
      async signIn({ user, account }) {
        if (!context.audit) return
        const staff = account?.provider === 'oidc' && user.email ? await context.store.users.findByEmail(user.email) : null
        const id = staff?.id ?? user.id
        await context.audit({
          actor: { id, name: staff?.name ?? user.name ?? '' },
          action: 'sign-in',
          boardId: (user as SessionUserInput).guest?.boardId ?? null,
          targetId: null,
          detail: account?.provider ?? null,
        })
      },
    },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc' || !oidc) return true
        // Single sign-on maps to a staff account by email, created on first visit if allowed.
        if (!user.email) return '/signin?error=OidcNoEmail'
        // With OIDC_ADMIN_GROUP set, the provider's groups decide who is an administrator, at
        // every sign-in (someone taken out of the group stops being one).
        const groups = (user as User & { groups?: string[] }).groups ?? []
        const isAdmin = oidc.adminGroup !== null ? groups.includes(oidc.adminGroup) : null
        const existing = await context.store.users.findByEmail(user.email)
        if (existing) {
          if (isAdmin !== null && existing.isAdmin !== isAdmin) await context.store.users.setAdmin(existing.id, isAdmin)
          return true
        }
        if (!oidc.allowNewUsers) return '/signin?error=OidcNoAccount'
        await context.store.users.create({
          email: normalizeEmail(user.email),
          name: user.name ?? user.email,
          passwordHash: null,
          isAdmin: isAdmin ?? false,
        })
        return true
      },
      async jwt({ token, user, account }) {
        if (user) token.signedInAt = Date.now()
        if (user && account?.provider === 'oidc' && user.email) {
          const staff = await context.store.users.findByEmail(user.email)
          if (staff) {
            token.uid = staff.id
            token.name = staff.name
          }
        } else if (user) {
          token.uid = user.id
          const guest = (user as SessionUserInput).guest
          if (guest) token.guest = guest
        }
        return token
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === 'string') {
          session.user.id = token.uid
          session.user.guest = token.guest ?? null
          session.user.signedInAt = token.signedInAt ?? 0
        }
        return session
      },
    },
  }
}
