/**
 * The one module that reads the environment. Everything configurable is parsed and checked
 * here once, at start; every problem is reported together so a deployment is fixed in one go.
 */
import { z } from 'zod'

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes')

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** SQLite database file; created with its folder when missing. */
  DATABASE_PATH: z.string().min(1).default('data/strategitavlan.db'),
  /**
   * PostgreSQL instead of SQLite (`postgres://user:password@host:5432/database`); then
   * DATABASE_PATH is not used. Needed for more than one node.
   */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
  /** Signs sessions and room tokens. When unset, one is generated and kept in the database. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The public address (https://tavla.example.se); sign-in redirects and the Origin check use it. */
  PUBLIC_URL: z.url().optional(),
  /** tldraw licence key; required by tldraw for production use over HTTPS on a real host. */
  TLDRAW_LICENSE_KEY: z.string().min(1).optional(),
  /** Seed the demo facilitator and workshop board on an empty database. */
  SEED_DEMO: bool.default(true),
  /** Largest sync message accepted, in bytes. */
  SYNC_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Lifetime of a room token; clients refresh before it ends. */
  ROOM_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  /** How long a room with no clients stays in memory before it is written and unloaded. */
  ROOM_IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  /** How often the sync server re-checks each open socket's access (a removed member's goes). */
  SYNC_REVALIDATE_MS: z.coerce.number().int().min(50).max(5000).default(2000),
  /** Messages one socket may send per second, on average (bursts of twice that pass). */
  SYNC_MAX_MESSAGES_PER_SECOND: z.coerce.number().min(1).default(200),
  /** Bytes one socket may send per second, on average (a burst may reach two seconds' worth, or two full-size messages). */
  SYNC_MAX_BYTES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Largest a document may grow to; updates that would make it larger are refused. */
  SYNC_MAX_DOC_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(32 * 1024 * 1024),
  /** From which fullness of SYNC_MAX_DOC_BYTES (percent) a board's facilitators are warned. */
  SYNC_DOC_WARN_PERCENT: z.coerce.number().int().min(10).max(99).default(80),
  /** Bytes of live notes and shapes one person may have written into one board (their share of it). */
  SYNC_MAX_DOC_BYTES_PER_PERSON: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .default(4 * 1024 * 1024),
  /** Bytes of live notes and shapes the guests of one invite link may together have written into its board. */
  SYNC_MAX_DOC_BYTES_PER_INVITE: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .default(12 * 1024 * 1024),
  /** Sockets one room (board) admits at once. */
  SYNC_MAX_CONNECTIONS_PER_ROOM: z.coerce.number().int().min(1).default(1000),
  /** Sockets one person may hold in one room at once (tabs, devices). */
  SYNC_MAX_CONNECTIONS_PER_PERSON: z.coerce.number().int().min(1).default(20),
  /** Presence changes relayed per socket per second; faster ones are merged, the latest kept. */
  SYNC_MAX_AWARENESS_PER_SECOND: z.coerce.number().min(0.1).default(30),
  /** Unsent bytes a socket may have queued before it is closed as a stalled reader. */
  SYNC_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(8 * 1024 * 1024),
  /** Unsent bytes all of one person's sockets may have queued together. */
  SYNC_MAX_BUFFERED_BYTES_PER_PERSON: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(32 * 1024 * 1024),
  /** Unsent bytes all sockets of one invite link's guests may have queued together. */
  SYNC_MAX_BUFFERED_BYTES_PER_INVITE: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(64 * 1024 * 1024),
  /** Sockets the guests of one invite link may hold together in one board (on one node). */
  SYNC_MAX_CONNECTIONS_PER_INVITE: z.coerce.number().int().min(1).default(100),
  /** Guests one invite link may make; a browser joining again is the guest it was (lib/auth/guestDevice.ts). */
  GUESTS_PER_INVITE: z.coerce.number().int().min(1).max(100_000).default(200),
  /** New guests one client address may make through one invite link per hour (server/auth/guestJoinLimiter.ts). */
  GUESTS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(40),
  /** Minutes between automatic snapshots of each board that changed (fractions allowed); 0 turns them off. */
  SNAPSHOT_INTERVAL_MINUTES: z.coerce.number().min(0).max(1440).default(10),
  /** Automatic snapshots kept per board; older ones are deleted (named ones are kept). */
  SNAPSHOT_KEEP_AUTO: z.coerce.number().int().min(1).default(48),
  /**
   * Redis for running several sync nodes: rooms on different nodes hear each other through
   * it. Unset: one process, no Redis needed.
   */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /**
   * True when the server sits behind one reverse proxy that adds the client's address to
   * `X-Forwarded-For`; the last entry of that header is then taken as the client's address
   * (for sign-in rate limits). Leave false when clients reach the server directly, or anyone
   * could claim any address.
   */
  TRUST_PROXY: bool.default(false),
  /** Single sign-on through any OpenID Connect provider (Keycloak, Microsoft Entra ID, …). */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The sign-in button's label, e.g. "Stadens konto". */
  OIDC_NAME: z.string().min(1).default('Single sign-on'),
  /** Create an account on first single sign-on; false admits only emails that already have one. */
  OIDC_ALLOW_NEW_USERS: bool.default(true),
  /** Scopes asked of the provider (space-separated). */
  OIDC_SCOPES: z.string().min(1).default('openid email profile'),
  /** The claim that holds a person's email (Entra ID without an email attribute: `preferred_username`). */
  OIDC_EMAIL_CLAIM: z.string().min(1).default('email'),
  /** The claim that holds a person's display name. */
  OIDC_NAME_CLAIM: z.string().min(1).default('name'),
  /** The claim that lists a person's groups (or roles). */
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /** Members of this group (a value of the groups claim) are administrators; unset: the claim decides nothing. */
  OIDC_ADMIN_GROUP: z.string().min(1).optional(),
  /** Email and password sign-in; false leaves single sign-on (and invite links) as the only ways in. */
  PASSWORD_SIGNIN: bool.default(true),
  /** Days a deleted board can still be restored by an administrator before it is purged (0: at once). */
  BOARD_DELETE_GRACE_DAYS: z.coerce.number().min(0).max(3650).default(30),
  /** Boards nobody changed for this many days are deleted (unset: kept until someone deletes them). */
  RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
  /** Facilitators are warned this many days before a board is removed for lack of use. */
  RETENTION_WARNING_DAYS: z.coerce.number().int().min(0).default(14),
  /** Automatic snapshots older than this many days are deleted (unset: kept by count alone). */
  SNAPSHOT_MAX_AGE_DAYS: z.coerce.number().min(1).optional(),
  /** Days the audit log keeps an entry. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  /** The public body named in the accessibility statement, e.g. "Stockholms stadsbibliotek". */
  ACCESSIBILITY_ORGANISATION: z.string().min(1).optional(),
  /** Where people report accessibility problems (an email address or a web form's address). */
  ACCESSIBILITY_CONTACT: z.string().min(1).optional(),
  /** A phone number for the same. */
  ACCESSIBILITY_PHONE: z.string().min(1).optional(),
})

export type Env = z.infer<typeof EnvSchema>

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'EnvError'
  }
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const input = { ...source }
  // NextAuth's own name for the secret is accepted too.
  if (!input.AUTH_SECRET && input.NEXTAUTH_SECRET) input.AUTH_SECRET = input.NEXTAUTH_SECRET
  for (const key of Object.keys(input)) {
    if (input[key] === '') delete input[key]
  }
  const parsed = EnvSchema.safeParse(input)
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
  const oidcKeys = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const
  const oidcSet = oidcKeys.filter((key) => input[key])
  if (oidcSet.length > 0 && oidcSet.length < oidcKeys.length) {
    for (const key of oidcKeys) {
      if (!input[key]) problems.push(`${key}: required for single sign-on (the other OIDC_ settings are set)`)
    }
  }
  if (parsed.success && !parsed.data.PASSWORD_SIGNIN && oidcSet.length < oidcKeys.length) {
    problems.push('PASSWORD_SIGNIN: false needs single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET), or nobody could sign in')
  }
  if (!parsed.success || problems.length > 0) throw new EnvError(problems)
  return parsed.data
}

export interface OidcConfig {
  issuer: string
  clientId: string
  clientSecret: string
  name: string
  allowNewUsers: boolean
  scopes: string
  emailClaim: string
  nameClaim: string
  groupsClaim: string
  /** Members of this group are administrators; null: administrators are designated in the app. */
  adminGroup: string | null
}

/** The single sign-on settings, or null when single sign-on is not configured. */
export function oidcConfig(env: Env): OidcConfig | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return null
  return {
    issuer: env.OIDC_ISSUER.replace(/\/$/, ''),
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME,
    allowNewUsers: env.OIDC_ALLOW_NEW_USERS,
    scopes: env.OIDC_SCOPES,
    emailClaim: env.OIDC_EMAIL_CLAIM,
    nameClaim: env.OIDC_NAME_CLAIM,
    groupsClaim: env.OIDC_GROUPS_CLAIM,
    adminGroup: env.OIDC_ADMIN_GROUP ?? null,
  }
}
