/**
 * The composition root's first half: every service the app needs, built once from the
 * configuration and wired together by passing dependencies in. No HTTP here. The sync node's
 * share (./syncServices.ts) comes first; sign-in, boards, people, rounds and housekeeping
 * are added here for the full app.
 */
import { normalizeEmail } from '../lib/auth/email'
import { verifyAgainstDummy, verifyPassword } from '../lib/auth/password'
import { oidcConfig, type Env } from '../lib/env'
import type { AppContext, CredentialsResult } from '../lib/runtime/appContext'
import type { NewAuditEntry } from '../lib/store/types'
import { Redis } from 'ioredis'
import { createGuestJoinLimiter } from './auth/guestJoinLimiter'
import { createLoginLimiter } from './auth/loginLimiter'
import { createBoardLifecycle, type BoardLifecycle } from './boards/boardLifecycle'
import { retentionChores } from './housekeeping/retention'
import { startHousekeeping, type Housekeeping } from './housekeeping/housekeeping'
import type { Logger } from './logger'
import { createPeopleService } from './people/peopleService'
import { createRoundService } from './rounds/roundService'
import { createSyncServices, type SyncServices } from './syncServices'

const DAY_MS = 24 * 60 * 60 * 1000
const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000

export interface Services extends SyncServices {
  /** Deleting, restoring and purging boards. */
  boards: BoardLifecycle
  /** Purges, retention and other periodic chores. */
  housekeeping: Housekeeping
  /** Closes what the services opened besides the store and the fan-out (the limiter's Redis). */
  closeExtras(): Promise<void>
  context: AppContext
}

export async function createServices(env: Env, logger: Logger): Promise<Services> {
  const base = await createSyncServices(env, logger)
  const { store, roomTokens, authSecret, publicUrl, sync, fanout, snapshots } = base

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
  return { ...base, boards, housekeeping, context, closeExtras }
}
