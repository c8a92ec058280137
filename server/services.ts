/**
 * The composition root's first half: every service the app needs, built once from the
 * configuration and wired together by passing dependencies in. No HTTP here.
 */
import { randomBytes } from 'node:crypto'
import { isGuestUserId, roleOfUserId } from '../lib/auth/boardAccess'
import { normalizeEmail } from '../lib/auth/email'
import { verifyAgainstDummy, verifyPassword } from '../lib/auth/password'
import { createRoomTokens, type RoomTokens } from '../lib/auth/roomToken'
import { oidcConfig, type Env } from '../lib/env'
import type { AppContext, CredentialsResult } from '../lib/runtime/appContext'
import type { NewAuditEntry, Store } from '../lib/store/types'
import { createBoardLifecycle, type BoardLifecycle } from './boards/boardLifecycle'
import { createPeopleService } from './people/peopleService'
import { createRoundService } from './rounds/roundService'
import { touchOnWrite } from './boards/touchOnWrite'
import { retentionChores } from './housekeeping/retention'
import { startHousekeeping, type Housekeeping } from './housekeeping/housekeeping'
import { Redis } from 'ioredis'
import { createLoginLimiter } from './auth/loginLimiter'
import { createGuestJoinLimiter } from './auth/guestJoinLimiter'
import type { Logger } from './logger'
import { createHealthChecks, type HealthChecks } from './observability/health'
import { createMetrics, type Metrics } from './observability/metrics'
import { createSnapshotService, type SnapshotService } from './snapshots/snapshotService'
import { trackDocChanges } from './snapshots/trackDocChanges'
import { openStore } from './store/openStore'
import { createSyncServer, type SyncServer } from './sync/createSyncServer'
import { createLocalFanout, type Fanout } from './sync/fanout'
import { createRedisFanout } from './sync/redisFanout'
import { createSyncAuthorizer } from './syncAuthorizer'

const DAY_MS = 24 * 60 * 60 * 1000
const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000

export interface Services {
  store: Store
  roomTokens: RoomTokens
  sync: SyncServer
  /** The checks behind GET /api/health; register more with `health.register(name, check)`. */
  health: HealthChecks
  /** The Prometheus metrics behind GET /metrics. */
  metrics: Metrics
  /** How this node's rooms hear other nodes': Redis when REDIS_URL is set, else nobody. */
  fanout: Fanout
  /** Named and automatic snapshots of boards. */
  snapshots: SnapshotService
  /** Deleting, restoring and purging boards. */
  boards: BoardLifecycle
  /** Purges, retention and other periodic chores. */
  housekeeping: Housekeeping
  /** Closes what the services opened besides the store and the fan-out (the limiter's Redis). */
  closeExtras(): Promise<void>
  context: AppContext
}

export async function createServices(env: Env, logger: Logger): Promise<Services> {
  const store = await openStore(env, logger)
  const authSecret = env.AUTH_SECRET ?? (await store.getOrCreateSecret('auth', () => randomBytes(32).toString('base64url')))
  const roomTokens = createRoomTokens({ secret: authSecret, ttlSeconds: env.ROOM_TOKEN_TTL_SECONDS })
  const publicUrl = env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : null
  // The snapshot scheduler learns which boards changed from the updates the sync server stores.
  const tracked = trackDocChanges(touchOnWrite(store.docs, store.boards, logger))
  const fanout = env.REDIS_URL ? createRedisFanout({ url: env.REDIS_URL, logger }) : createLocalFanout()
  const metrics = createMetrics()
  const health = createHealthChecks()
  health.register('database', () => store.ping())
  if (env.REDIS_URL) health.register('redis', () => fanout.check())
  const sync = createSyncServer({
    fanout,
    docs: tracked.docs,
    authorize: createSyncAuthorizer({
      roomTokens,
      boards: store.boards,
      guests: store.guests,
      invites: store.invites,
      allowedOrigins: publicUrl ? [publicUrl] : null,
    }),
    // Removing a member or revoking an invite closes their open sockets within seconds, on
    // every node, because each node asks the store itself.
    revalidate: async (principal) => {
      // Ended sessions ("sign out everywhere"): a socket whose token was minted before the end
      // goes (its token's second counts whole, so one minted in that second may stay).
      if (principal.issuedAt !== undefined && !isGuestUserId(principal.userId)) {
        const user = await store.users.get(principal.userId)
        if (user && user.sessionsValidAfter > principal.issuedAt + 999) return null
      }
      return roleOfUserId(store, principal.userId, principal.boardId)
    },
    revalidateEveryMs: env.SYNC_REVALIDATE_MS,
    logger,
    limits: {
      maxMessageBytes: env.SYNC_MAX_MESSAGE_BYTES,
      messagesPerSecond: env.SYNC_MAX_MESSAGES_PER_SECOND,
      bytesPerSecond: env.SYNC_MAX_BYTES_PER_SECOND,
      maxDocBytes: env.SYNC_MAX_DOC_BYTES,
      maxDocBytesPerPerson: env.SYNC_MAX_DOC_BYTES_PER_PERSON,
      maxDocBytesPerInvite: env.SYNC_MAX_DOC_BYTES_PER_INVITE,
      docWarnPercent: env.SYNC_DOC_WARN_PERCENT,
      maxConnectionsPerRoom: env.SYNC_MAX_CONNECTIONS_PER_ROOM,
      maxConnectionsPerPerson: env.SYNC_MAX_CONNECTIONS_PER_PERSON,
      awarenessPerSecond: env.SYNC_MAX_AWARENESS_PER_SECOND,
      maxBufferedBytes: env.SYNC_MAX_BUFFERED_BYTES,
      maxBufferedBytesPerPerson: env.SYNC_MAX_BUFFERED_BYTES_PER_PERSON,
      maxBufferedBytesPerInvite: env.SYNC_MAX_BUFFERED_BYTES_PER_INVITE,
      maxConnectionsPerInvite: env.SYNC_MAX_CONNECTIONS_PER_INVITE,
    },
    metrics: metrics.sync,
    idleUnloadMs: env.ROOM_IDLE_UNLOAD_MS,
  })

  metrics.trackSyncStats(() => sync.stats())

  async function audit(entry: NewAuditEntry) {
    try {
      await store.audit.append(entry)
    } catch (error) {
      logger.error({ action: entry.action, err: (error as Error).message }, 'could not write the audit log')
    }
  }

  // With REDIS_URL every node counts the same sign-in attempts (server/auth/loginLimiter.ts).
  const loginRedis = env.REDIS_URL
    ? new Redis(env.REDIS_URL, { connectionName: 'login-limiter', commandTimeout: 2000, maxRetriesPerRequest: 1 })
    : undefined
  loginRedis?.on('error', (error: Error) => logger.warn({ err: error.message }, 'login limiter: Redis unavailable'))
  const loginLimiter = createLoginLimiter({ redis: loginRedis })
  const guestJoins = createGuestJoinLimiter({ perHour: env.GUESTS_PER_ADDRESS_PER_HOUR, redis: loginRedis })
  // The dummy hash is made on first use; made now, the first unknown email costs no extra hash.
  await verifyAgainstDummy('')
  await loginLimiter.warm().catch((error: Error) => logger.warn({ err: error.message }, 'login limiter: could not warm up'))

  async function verifyCredentials(email: string, password: string, clientIp: string): Promise<CredentialsResult> {
    const attempt = await loginLimiter.attempt(normalizeEmail(email), clientIp)
    if (!attempt.allowed) return { ok: false, reason: 'rate-limited', retryAfterSeconds: attempt.retryAfterSeconds }
    const user = await store.users.findByEmail(email)
    // An unknown email (or an account without a password) still costs one argon2 verification,
    // so the answer's timing does not tell which emails have accounts.
    const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password)
    if (!valid || !user) {
      // Failed attempts on an account are logged against it; unknown emails are not kept at all.
      if (user) await audit({ actor: null, action: 'sign-in-failed', boardId: null, targetId: user.id, detail: null })
      return { ok: false, reason: 'invalid' }
    }
    await attempt.succeeded()
    return { ok: true, user }
  }

  const snapshots = createSnapshotService({
    store,
    sync,
    logger,
    takeChanged: tracked.takeChanged,
    intervalMs: env.SNAPSHOT_INTERVAL_MINUTES * 60_000,
    keepAuto: env.SNAPSHOT_KEEP_AUTO,
  })

  const boards = createBoardLifecycle({ store, sync, fanout, audit, logger, graceDays: env.BOARD_DELETE_GRACE_DAYS })
  const housekeeping = startHousekeeping({
    logger,
    everyMs: HOUSEKEEPING_EVERY_MS,
    chores: [
      { name: 'purge deleted boards', run: () => boards.purgeDue() },
      { name: 'audit retention', run: () => store.audit.deleteBefore(Date.now() - env.AUDIT_RETENTION_DAYS * DAY_MS) },
      ...retentionChores({ store, boards, audit, env }),
    ],
  })

  const context: AppContext = {
    store,
    roomTokens,
    authSecret,
    publicUrl,
    tldrawLicenseKey: env.TLDRAW_LICENSE_KEY ?? null,
    oidc: oidcConfig(env),
    passwordSignIn: env.PASSWORD_SIGNIN,
    guestsPerInvite: env.GUESTS_PER_INVITE,
    admitNewGuest: (inviteId, clientIp) => guestJoins.admit(inviteId, clientIp),
    retention: { days: env.RETENTION_DAYS ?? null, warningDays: env.RETENTION_WARNING_DAYS },
    accessibility: {
      organisation: env.ACCESSIBILITY_ORGANISATION ?? null,
      contact: env.ACCESSIBILITY_CONTACT ?? null,
      phone: env.ACCESSIBILITY_PHONE ?? null,
    },
    verifyCredentials,
    sync: {
      disconnect: (match, code, reason) => sync.disconnect(match, code, reason),
      stats: () => sync.stats(),
      changeDoc: (docId, change, changeOptions) => sync.changeDoc(docId, change, changeOptions),
      readDoc: (docId, read) => sync.readDoc(docId, read),
    },
    snapshots,
    boards,
    people: createPeopleService({ store, sync, audit, logger }),
    rounds: createRoundService({ store, sync, audit }),
    audit,
    async onVotingEnded(boardId, _roundId, by) {
      await snapshots.take(boardId, null, by, 'voting')
    },
  }
  const closeExtras = async () => {
    if (loginRedis && loginRedis.status !== 'end') await loginRedis.quit().catch(() => loginRedis.disconnect())
  }
  return { store, roomTokens, sync, health, metrics, fanout, snapshots, boards, housekeeping, context, closeExtras }
}
