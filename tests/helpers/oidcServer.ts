/**
 * A real OpenID Connect provider in this process (`oidc-provider`, the maintained Node
 * implementation, certified by the OpenID Foundation) on a loopback port, with accounts the
 * test defines and its development login and consent pages. The app's redirect URI depends on
 * the app's port, so the provider is made once the app runs (`registerClient`); its HTTP
 * server (and so its issuer URL) exists from the start.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

export interface OidcAccount {
  email: string
  name: string
  groups?: string[]
  emailVerified?: boolean
}

export interface OidcServer {
  issuer: string
  clientId: string
  clientSecret: string
  /** Registers the app (its base URL) as the one client; before this every request gets 503. */
  registerClient(appUrl: string): void
  stop(): Promise<void>
}

/**
 * `claimsInIdToken: false` keeps scope claims out of the ID token (OIDC's strict default, as
 * some providers do): the app must then read them from the userinfo endpoint.
 */
export async function startOidcServer(
  accounts: Record<string, OidcAccount>,
  options: { claimsInIdToken?: boolean } = {},
): Promise<OidcServer> {
  let handler: http.RequestListener | null = null
  const server = http.createServer((req, res) => {
    if (handler) handler(req, res)
    else res.writeHead(503).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientId = 'strategitavlan'
  const clientSecret = 'test-client-secret-test-client-secret'
  return {
    issuer,
    clientId,
    clientSecret,
    registerClient(appUrl) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [`${appUrl}/api/auth/callback/oidc`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        claims: {
          openid: ['sub'],
          email: ['email', 'email_verified'],
          profile: ['name'],
          groups: ['groups'],
        },
        cookies: { keys: ['oidc-test-cookie-key'] },
        // By default the granted scopes' claims go in the ID token, as Keycloak does and Entra
        // ID does for its optional claims.
        conformIdTokenClaims: !(options.claimsInIdToken ?? true),
        async findAccount(_ctx, id) {
          const account = accounts[id]
          if (!account) return undefined
          return {
            accountId: id,
            async claims() {
              return {
                sub: id,
                email: account.email,
                email_verified: account.emailVerified ?? true,
                name: account.name,
                groups: account.groups ?? [],
              }
            },
          }
        },
      })
      handler = provider.callback()
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
