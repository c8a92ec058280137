/**
 * Debian's Chromium driven by playwright-core, launched the way this machine allows (no
 * sandbox as root, no background networking), and sign-in through NextAuth's own endpoints.
 */
import {
  chromium,
  request as playwrightRequest,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

/** Signs a context in with email and password through the sign-in form, as a person would. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/signin`)
  await page.getByLabel(/E-post|Email/).fill(email)
  await page.getByLabel(/Lösenord|Password/).fill(password)
  await page.getByRole('button', { name: /Logga in|Sign in/ }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'))
}

/** GET /api/auth/csrf, then POST the credentials with its token, through `request`. */
async function postCredentials(request: APIRequestContext, baseUrl: string, email: string, password: string) {
  const csrf = await request.get(`${baseUrl}/api/auth/csrf`)
  const { csrfToken } = (await csrf.json()) as { csrfToken: string }
  const response = await request.post(`${baseUrl}/api/auth/callback/credentials`, {
    form: { csrfToken, email, password, json: 'true' },
    maxRedirects: 0,
  })
  if (response.status() >= 400) throw new Error(`sign-in failed with HTTP ${response.status()}`)
}

const hasSessionCookie = (cookies: readonly { name: string }[]) => cookies.some((c) => c.name.includes('next-auth.session-token'))

/** Signs a context in without the UI: GET /api/auth/csrf, then POST the credentials. */
export async function signInByApi(context: BrowserContext, baseUrl: string, email: string, password: string) {
  await postCredentials(context.request, baseUrl, email, password)
  if (!hasSessionCookie(await context.cookies(baseUrl))) throw new Error('no session cookie after sign-in')
}

/**
 * A signed-in HTTP client without a browser, the same way as signInByApi. Its base URL is
 * `baseUrl`; `options` adds to that (e.g. `extraHTTPHeaders`).
 */
export async function signedInRequest(
  baseUrl: string,
  email: string,
  password: string,
  options: Omit<NonNullable<Parameters<typeof playwrightRequest.newContext>[0]>, 'baseURL'> = {},
): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ ...options, baseURL: baseUrl })
  try {
    await postCredentials(context, baseUrl, email, password)
    if (!hasSessionCookie((await context.storageState()).cookies)) throw new Error('no session cookie after sign-in')
  } catch (error) {
    await context.dispose()
    throw error
  }
  return context
}
