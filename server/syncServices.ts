/**
 * What a sync node needs and nothing more: the store, room tokens, the sync server with its
 * access checks, the fan-out to other nodes, health and metrics, and automatic snapshots of the
 * boards edited here (only the node that stores a board's updates knows it changed). The full
 * app's services (./services.ts) are built on top of these; a sync-only node (./syncMain.ts)
 * runs these alone, so it loads no sign-in, rounds, people or housekeeping code, and no Next.js.
 */
import { randomBytes } from 'node:crypto'
import { createRoomTokens, type RoomTokens } from '../lib/auth/roomToken'
import type { Env } from '../lib/env'
import type { Store } from '../lib/store/types'
import { touchOnWrite } from './boards/touchOnWrite'
import type { Logger } from './logger'
import { createHealthChecks, type HealthChecks } from './observability/health'
import { createMetrics, type Metrics } from './observability/metrics'
import { createSnapshotService, type SnapshotService } from './snapshots/snapshotService'
import { trackDocChanges } from './snapshots/trackDocChanges'
import { openStore } from './store/openStore'
import { createAccessCheck } from './syncAccessCheck'
import { createSyncServer, type SyncServer } from './sync/createSyncServer'
import { createLocalFanout, type Fanout } from './sync/fanout'
import { createRedisFanout } from './sync/redisFanout'
import { createSyncAuthorizer } from './syncAuthorizer'

export interface SyncServices {
  store: Store
  roomTokens: RoomTokens
  /** The secret room tokens (and NextAuth's sessions) are signed with. */
  authSecret: string
  /** The site's origin, when PUBLIC_URL is set. */
  publicUrl: string | null
  sync: SyncServer
  /** The checks behind GET /api/health; register more with `health.register(name, check)`. */
  health: HealthChecks
  /** The Prometheus metrics behind GET /metrics. */
  metrics: Metrics
  /** How this node's rooms hear other nodes': Redis when REDIS_URL is set, else nobody. */
  fanout: Fanout
  /** Named and automatic snapshots of boards. */
  snapshots: SnapshotService
}

export async function createSyncServices(env: Env, logger: Logger): Promise<SyncServices> {
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
    ...createAccessCheck(store),
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

  const snapshots = createSnapshotService({
    store,
    sync,
    logger,
    takeChanged: tracked.takeChanged,
    intervalMs: env.SNAPSHOT_INTERVAL_MINUTES * 60_000,
    keepAuto: env.SNAPSHOT_KEEP_AUTO,
  })
  return { store, roomTokens, authSecret, publicUrl, sync, health, metrics, fanout, snapshots }
}
