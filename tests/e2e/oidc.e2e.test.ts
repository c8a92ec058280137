/**
 * Single sign-on in real Chromium against a real OpenID Connect provider running in the test
 * (tests/helpers/oidcServer.ts), with password sign-in turned off: the sign-in page offers only
 * the provider's button, the first sign-in creates the account from the name and email claims,
 * the admin group claim makes an administrator (and its absence does not), and every sign-in
 * is in the audit log. The provider keeps the claims out of the ID token, so the app reads them
 * from its userinfo endpoint.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqliteStore } from '../../server/store/sqliteStore'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { launchBrowser } from '../helpers/browser'
import { startOidcServer, type OidcServer } from '../helpers/oidcServer'

const ADMIN_GROUP = 'strategitavlan-admins'

let server: AppServer
let oidc: OidcServer
let browser: Browser

beforeAll(async () => {
  oidc = await startOidcServer(
    {
      'anna.lind': { email: 'Anna.Lind@bibliotek.example.se', name: 'Anna Lind', groups: ['bibliotek', ADMIN_GROUP] },
      'bo.ek': { email: 'bo.ek@bibliotek.example.se', name: 'Bo Ek', groups: ['bibliotek'] },
    },
    { claimsInIdToken: false },
  )
  server = await startAppServer({
    OIDC_ISSUER: oidc.issuer,
    OIDC_CLIENT_ID: oidc.clientId,
    OIDC_CLIENT_SECRET: oidc.clientSecret,
    OIDC_NAME: 'Bibliotekets konto',
    OIDC_SCOPES: 'openid email profile groups',
    OIDC_ADMIN_GROUP: ADMIN_GROUP,
    PASSWORD_SIGNIN: 'false',
  })
  oidc.registerClient(server.url)
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await oidc?.stop()
})

/** Signs in at the provider's own pages as `login`, and comes back to the app signed in. */
async function signInWithProvider(page: Page, login: string) {
  await page.goto(`${server.url}/signin`)
  await page.getByRole('button', { name: 'Logga in med Bibliotekets konto' }).click()
  await page.waitForURL((url) => url.origin === oidc.issuer)
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()
  // The provider asks to share the claims with the app once.
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.waitForURL((url) => url.origin === server.url && !url.pathname.startsWith('/signin'))
}

function storedUser(email: string) {
  const store = openSqliteStore(server.dbPath)
  return store.users.findByEmail(email).finally(() => store.close())
}

describe('single sign-on', () => {
  it('offers only the provider when password sign-in is off', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/signin`)
    await expect.poll(() => page.getByRole('button', { name: 'Logga in med Bibliotekets konto' }).count()).toBe(1)
    expect(await page.locator('input[type="password"]').count()).toBe(0)
    // And the password endpoint is gone, not only hidden.
    const csrf = (await (await page.request.get(`${server.url}/api/auth/csrf`)).json()) as { csrfToken: string }
    const response = await page.request.post(`${server.url}/api/auth/callback/credentials`, {
      form: { csrfToken: csrf.csrfToken, email: 'demo@example.org', password: 'strategitavlan', json: 'true' },
      maxRedirects: 0,
    })
    expect((await page.context().cookies(server.url)).some((c) => c.name.includes('session-token'))).toBe(false)
    expect(response.status()).not.toBe(200)
    await page.close()
  })

  it('creates the account at the first sign-in and makes a member of the admin group an administrator', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await signInWithProvider(page, 'anna.lind')
    const anna = await storedUser('anna.lind@bibliotek.example.se')
    expect(anna).toMatchObject({ name: 'Anna Lind', email: 'anna.lind@bibliotek.example.se', isAdmin: true, passwordHash: null })
    await page.goto(`${server.url}/admin/users`)
    await expect.poll(() => page.getByRole('heading', { name: 'Konton' }).count()).toBe(1)
    await context.close()
  })

  it('does not make someone outside the admin group an administrator', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await signInWithProvider(page, 'bo.ek')
    expect(await storedUser('bo.ek@bibliotek.example.se')).toMatchObject({ name: 'Bo Ek', isAdmin: false })
    await page.goto(`${server.url}/admin/users`)
    await expect.poll(() => page.getByText('Bara administratörer kommer åt kontona.').count()).toBe(1)
    await context.close()
  })

  it('logs every sign-in, under the account’s own id', async () => {
    const store = openSqliteStore(server.dbPath)
    try {
      const anna = await store.users.findByEmail('anna.lind@bibliotek.example.se')
      const signIns = (await store.audit.list()).filter((e) => e.action === 'sign-in')
      expect(signIns.map((e) => [e.actor?.id, e.detail])).toEqual(expect.arrayContaining([[anna!.id, 'oidc']]))
      expect(signIns.length).toBe(2)
    } finally {
      await store.close()
    }
  })
})
