import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createGuestJoinLimiter } from '../../server/auth/guestJoinLimiter'
import { openSqliteStore } from '../../server/store/sqliteStore'
import { createBoardState } from '../board/createBoardDoc'
import { loadEnv, oidcConfig } from '../env'
import type { Store } from '../store/types'
import { guestUserId } from './boardAccess'
import { guestDeviceCookieName, guestDeviceCookieValue } from './guestDevice'
import { hashInviteToken, newInviteToken } from './inviteToken'
import { buildAuthOptions, cleanDisplayName, userFromClaims } from './nextAuthOptions'
import { GUESTS_BUSY_ERROR, INVITE_FULL_ERROR, INVITE_INVALID_ERROR, RATE_LIMITED_ERROR } from './signInErrors'

const oidcDefaults = {
  issuer: 'https://sso.example.se',
  clientId: 'c',
  clientSecret: 's',
  name: 'SSO',
  scopes: 'openid email profile',
  emailClaim: 'email',
  nameClaim: 'name',
  groupsClaim: 'groups',
  adminGroup: null,
}

type AnyProvider = {
  id: string
  options?: { id?: string; authorize?: (credentials: unknown, request: unknown) => Promise<unknown> }
} & Record<string, unknown>

/** NextAuth merges a provider's `options` over its defaults when it starts; so do we here. */
const idOf = (p: AnyProvider) => p.options?.id ?? p.id

let store: Store
let dir: string

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strategitavlan-auth-'))
  store = openSqliteStore(path.join(dir, 'auth.db'))
})

afterEach(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

function options(overrides: Partial<Parameters<typeof buildAuthOptions>[0]> = {}) {
  return buildAuthOptions({
    authSecret: 'x'.repeat(40),
    store,
    oidc: null,
    verifyCredentials: async () => ({ ok: false, reason: 'invalid' }),
    ...overrides,
  })
}

function provider(id: string, built = options()): AnyProvider {
  const found = (built.providers as unknown as AnyProvider[]).find((p) => idOf(p) === id)
  if (!found) throw new Error(`no provider ${id}`)
  return found
}

async function boardWithInvite(invite: { expiresAt?: number; revoked?: boolean; role?: 'participant' | 'observer' } = {}) {
  const owner = await store.users.create({ email: 'fia@example.org', name: 'Fia', passwordHash: null })
  const board = await store.boards.create({
    name: 'B',
    locale: 'sv',
    createdBy: owner.id,
    initialState: createBoardState({ name: 'B', locale: 'sv', includeStarterNotes: false }),
  })
  const token = newInviteToken()
  const record = await store.invites.create({
    boardId: board.id,
    role: invite.role ?? 'participant',
    label: 'Filial Skärholmen',
    createdBy: owner.id,
    expiresAt: invite.expiresAt ?? Date.now() + 60_000,
    tokenHash: hashInviteToken(token),
  })
  if (invite.revoked) await store.invites.revoke(record.id)
  return { board, token, invite: record }
}

describe('single sign-on configuration', () => {
  it('is absent unless all three OIDC settings are given', () => {
    expect((options().providers as unknown as AnyProvider[]).map(idOf)).toEqual(['credentials', 'guest'])
    expect(oidcConfig(loadEnv({}))).toBeNull()
    expect(() => loadEnv({ OIDC_ISSUER: 'https://sso.example.se/realms/bibliotek' })).toThrow(/OIDC_CLIENT_ID.*\n.*OIDC_CLIENT_SECRET/s)
  })

  it('turns the environment into a generic OpenID Connect provider with PKCE', async () => {
    const env = loadEnv({
      OIDC_ISSUER: 'https://sso.example.se/realms/bibliotek/',
      OIDC_CLIENT_ID: 'strategitavlan',
      OIDC_CLIENT_SECRET: 'hemligt',
      OIDC_NAME: 'Stadens konto',
    })
    const oidc = provider('oidc', options({ oidc: oidcConfig(env) }))
    expect(oidc).toMatchObject({
      type: 'oauth',
      name: 'Stadens konto',
      wellKnown: 'https://sso.example.se/realms/bibliotek/.well-known/openid-configuration',
      clientId: 'strategitavlan',
      clientSecret: 'hemligt',
      idToken: true,
      checks: ['pkce', 'state'],
    })
    const profile = (oidc.profile as (p: Record<string, unknown>, t: object) => Promise<{ id: string; name: string; email: string }>)(
      { sub: 'abc', email: 'asa@example.se', preferred_username: 'asa' },
      {},
    )
    expect(await profile).toEqual({ id: 'abc', name: 'asa', email: 'asa@example.se', groups: [] })
  })

  it('reads email, name and groups from the claims the environment names', () => {
    const env = loadEnv({
      OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      OIDC_CLIENT_ID: 'c',
      OIDC_CLIENT_SECRET: 's',
      OIDC_EMAIL_CLAIM: 'preferred_username',
      OIDC_NAME_CLAIM: 'display_name',
      OIDC_GROUPS_CLAIM: 'roles',
      OIDC_SCOPES: 'openid profile',
    })
    expect(provider('oidc', options({ oidc: oidcConfig(env) }))).toMatchObject({ authorization: { params: { scope: 'openid profile' } } })
    const profileOf = (claims: Record<string, unknown>) => userFromClaims(oidcConfig(env)!, claims)
    expect(profileOf({ sub: 'x', preferred_username: 'anna@stad.se', display_name: 'Anna', roles: ['Tavla.Admin'] })).toEqual({
      id: 'x',
      email: 'anna@stad.se',
      name: 'Anna',
      groups: ['Tavla.Admin'],
    })
    // A username that is not an address is no email.
    expect(profileOf({ sub: 'y', preferred_username: 'anna' }).email).toBe('')
    expect(profileOf({ sub: 'z', preferred_username: 'a@b.se', roles: 'Tavla.Admin' }).groups).toEqual(['Tavla.Admin'])
  })

  it('lets the admin group make and unmake administrators at every sign-in', async () => {
    const built = options({ oidc: { ...oidcDefaults, allowNewUsers: true, adminGroup: 'admins' } })
    const signIn = built.callbacks!.signIn!
    const account = { provider: 'oidc', type: 'oauth', providerAccountId: 'x' } as never
    await signIn({ user: { id: 'x', email: 'chef@example.se', name: 'Chef', groups: ['admins'] }, account } as never)
    expect((await store.users.findByEmail('chef@example.se'))?.isAdmin).toBe(true)
    await signIn({ user: { id: 'x', email: 'chef@example.se', name: 'Chef', groups: ['staff'] }, account } as never)
    expect((await store.users.findByEmail('chef@example.se'))?.isAdmin).toBe(false)
  })

  it('has no password provider when password sign-in is off, and refuses that configuration without single sign-on', () => {
    const built = options({ passwordSignIn: false, oidc: { ...oidcDefaults, allowNewUsers: true } })
    expect((built.providers as unknown as AnyProvider[]).map(idOf)).toEqual(['guest', 'oidc'])
    expect(() => loadEnv({ PASSWORD_SIGNIN: 'false' })).toThrow(/PASSWORD_SIGNIN/)
  })

  it('does not match an account by an email the provider has not verified', async () => {
    const built = options({
      oidc: { ...oidcDefaults, allowNewUsers: true },
    })
    const profileOf = (claims: Record<string, unknown>) => userFromClaims({ ...oidcDefaults, allowNewUsers: true }, claims)
    expect(profileOf({ sub: 'a', email: 'chef@example.se', email_verified: false }).email).toBe('')
    expect(profileOf({ sub: 'a', email: 'chef@example.se', email_verified: true }).email).toBe('chef@example.se')
    const account = { provider: 'oidc', type: 'oauth', providerAccountId: 'a' } as never
    const user = { ...profileOf({ sub: 'a', email: 'chef@example.se', email_verified: false }), name: 'X' }
    expect(await built.callbacks!.signIn!({ user, account } as never)).toBe('/signin?error=OidcNoEmail')
  })

  it('admits only existing accounts when new users are not allowed', async () => {
    const built = options({
      oidc: { ...oidcDefaults, allowNewUsers: false },
    })
    const signIn = built.callbacks!.signIn!
    const account = { provider: 'oidc', type: 'oauth', providerAccountId: 'x' } as never
    expect(await signIn({ user: { id: 'x', email: 'ny@example.se', name: 'Ny' }, account } as never)).toBe('/signin?error=OidcNoAccount')
    await store.users.create({ email: 'finns@example.se', name: 'Finns', passwordHash: null })
    expect(await signIn({ user: { id: 'y', email: 'Finns@example.se', name: 'Finns' }, account } as never)).toBe(true)
  })
})

describe('email and password sign-in', () => {
  it('passes the client address on and reports rate limiting as its own error', async () => {
    const seen: string[] = []
    const built = options({
      verifyCredentials: async (_email, _password, ip) => {
        seen.push(ip)
        return { ok: false, reason: 'rate-limited', retryAfterSeconds: 60 }
      },
    })
    const authorize = provider('credentials', built).options!.authorize!
    await expect(
      authorize({ email: 'a@example.org', password: 'pw' }, { headers: { 'x-strategitavlan-client-ip': '10.1.2.3' } }),
    ).rejects.toThrow(RATE_LIMITED_ERROR)
    expect(seen).toEqual(['10.1.2.3'])
  })
})

describe('joining by invite link', () => {
  it('makes a guest of the board under the name they gave', async () => {
    const { board, token } = await boardWithInvite()
    const authorize = provider('guest').options!.authorize!
    const user = (await authorize({ token, name: '  Filial   Skärholmen ' }, {})) as {
      id: string
      name: string
      guest: { boardId: string; guestId: string }
    }
    expect(user.name).toBe('Filial Skärholmen')
    expect(user.guest.boardId).toBe(board.id)
    expect(user.id).toBe(guestUserId(user.guest.guestId))
    expect((await store.guests.get(user.guest.guestId))?.name).toBe('Filial Skärholmen')
  })

  it('refuses expired, revoked, unknown and malformed links, and empty names', async () => {
    const authorize = provider('guest').options!.authorize!
    const expired = await boardWithInvite({ expiresAt: Date.now() - 1 })
    await expect(authorize({ token: expired.token, name: 'A' }, {})).rejects.toThrow(INVITE_INVALID_ERROR)
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strategitavlan-auth-'))
    store = openSqliteStore(path.join(dir, 'auth.db'))
    const revoked = await boardWithInvite({ revoked: true })
    const authorizeAgain = provider('guest').options!.authorize!
    await expect(authorizeAgain({ token: revoked.token, name: 'A' }, {})).rejects.toThrow(INVITE_INVALID_ERROR)
    await expect(authorizeAgain({ token: newInviteToken(), name: 'A' }, {})).rejects.toThrow(INVITE_INVALID_ERROR)
    await expect(authorizeAgain({ token: 'short', name: 'A' }, {})).rejects.toThrow(INVITE_INVALID_ERROR)
    const valid = await store.invites.create({
      boardId: revoked.board.id,
      role: 'participant',
      label: null,
      createdBy: revoked.invite.createdBy,
      expiresAt: Date.now() + 60_000,
      tokenHash: hashInviteToken('b'.repeat(43)),
    })
    expect(valid.revokedAt).toBeNull()
    await expect(authorizeAgain({ token: 'b'.repeat(43), name: '   ' }, {})).rejects.toThrow(INVITE_INVALID_ERROR)
  })

  it('is the same guest again from a browser whose cookie names them, under the name given now', async () => {
    const { token, invite } = await boardWithInvite()
    const authorize = provider('guest').options!.authorize!
    const first = (await authorize({ token, name: 'Gunnel' }, {})) as { guest: { guestId: string } }
    const cookie = `${guestDeviceCookieName(invite.id)}=${guestDeviceCookieValue('x'.repeat(40), invite.id, first.guest.guestId)}`
    const again = (await authorize({ token, name: 'Gunnel B' }, { headers: { cookie: `other=1; ${cookie}` } })) as {
      guest: { guestId: string }
      name: string
    }
    expect(again.guest.guestId).toBe(first.guest.guestId)
    expect(again.name).toBe('Gunnel B')
    expect((await store.guests.get(first.guest.guestId))?.name).toBe('Gunnel B')
    // Signed under another secret, it names nobody.
    const forged = `${guestDeviceCookieName(invite.id)}=${guestDeviceCookieValue('y'.repeat(40), invite.id, first.guest.guestId)}`
    const stranger = (await authorize({ token, name: 'Mallory' }, { headers: { cookie: forged } })) as { guest: { guestId: string } }
    expect(stranger.guest.guestId).not.toBe(first.guest.guestId)
  })

  it('makes at most GUESTS_PER_INVITE guests per link; those who joined still come back', async () => {
    const { token, invite } = await boardWithInvite()
    const authorize = provider('guest', options({ guestsPerInvite: 2 })).options!.authorize!
    const first = (await authorize({ token, name: 'Ett' }, {})) as { guest: { guestId: string } }
    await authorize({ token, name: 'Två' }, {})
    await expect(authorize({ token, name: 'Tre' }, {})).rejects.toThrow(INVITE_FULL_ERROR)
    expect(await store.guests.listForInvite(invite.id)).toHaveLength(2)
    const cookie = `${guestDeviceCookieName(invite.id)}=${guestDeviceCookieValue('x'.repeat(40), invite.id, first.guest.guestId)}`
    const back = (await authorize({ token, name: 'Ett' }, { headers: { cookie } })) as { guest: { guestId: string } }
    expect(back.guest.guestId).toBe(first.guest.guestId)
  })

  it('lets one address make only GUESTS_PER_ADDRESS_PER_HOUR new guests per link; returning guests and other addresses still join', async () => {
    const { token, invite } = await boardWithInvite()
    const joins = createGuestJoinLimiter({ perHour: 2 })
    const authorize = provider('guest', options({ admitNewGuest: (inviteId, ip) => joins.admit(inviteId, ip) })).options!.authorize!
    const from = (ip: string, cookie?: string) => ({ headers: { 'x-strategitavlan-client-ip': ip, ...(cookie ? { cookie } : {}) } })
    const first = (await authorize({ token, name: 'Ett' }, from('10.9.8.7'))) as { guest: { guestId: string } }
    await authorize({ token, name: 'Två' }, from('10.9.8.7'))
    // A third cookie-less join from the same address is refused and makes no guest.
    await expect(authorize({ token, name: 'Tre' }, from('10.9.8.7'))).rejects.toThrow(GUESTS_BUSY_ERROR)
    expect(await store.guests.listForInvite(invite.id)).toHaveLength(2)
    // The same person back with their cookie is not a new guest, and is let in.
    const cookie = `${guestDeviceCookieName(invite.id)}=${guestDeviceCookieValue('x'.repeat(40), invite.id, first.guest.guestId)}`
    const back = (await authorize({ token, name: 'Ett' }, from('10.9.8.7', cookie))) as { guest: { guestId: string } }
    expect(back.guest.guestId).toBe(first.guest.guestId)
    // Another address joins as before; IPv6 addresses count per /64.
    await authorize({ token, name: 'Fyra' }, from('10.9.8.8'))
    await authorize({ token, name: 'Fem' }, from('2001:db8:1:2::1'))
    await authorize({ token, name: 'Sex' }, from('2001:db8:1:2::ffff'))
    await expect(authorize({ token, name: 'Sju' }, from('2001:db8:1:2:aaaa::1'))).rejects.toThrow(GUESTS_BUSY_ERROR)
  })

  it('cleans display names of control characters and limits their length', () => {
    expect(cleanDisplayName('Olle\u0000\u200b Observatör\n')).toBe('Olle Observatör')
    expect(cleanDisplayName('x'.repeat(61))).toBeNull()
    expect(cleanDisplayName(42)).toBeNull()
  })
})
