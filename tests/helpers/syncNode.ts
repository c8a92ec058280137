/**
 * A sync node in this process, built from the same parts as server/services.ts — its own
 * connection to a shared SQLite file, the given fanout, the real authorizer — for multi-node
 * tests that need to reach inside a node (changeDoc, compaction settings) or to run several
 * nodes side by side.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { roleOfUserId } from '../../lib/auth/boardAccess'
import { createRoomTokens, type RoomTokens } from '../../lib/auth/roomToken'
import type { Store } from '../../lib/store/types'
import { silentLogger } from '../../server/logger'
import { openSqliteStore } from '../../server/store/sqliteStore'
import { createSyncServer, type SyncServer } from '../../server/sync/createSyncServer'
import type { Fanout } from '../../server/sync/fanout'
import type { HeapReleaseOptions } from '../../server/sync/heapRelease'
import { createSyncAuthorizer } from '../../server/syncAuthorizer'
import { TEST_SECRET } from './syncHarness'

export interface SyncNode {
  /** ws://localhost:PORT/sync — the provider appends `/<boardId>`. */
  syncUrl: string
  sync: SyncServer
  store: Store
  roomTokens: RoomTokens
  close(): Promise<void>
}

export async function startSyncNode(options: {
  dbPath: string
  fanout: Fanout
  compactEvery?: number
  idleUnloadMs?: number
  heapRelease?: HeapReleaseOptions | false
}): Promise<SyncNode> {
  const store = openSqliteStore(options.dbPath)
  const roomTokens = createRoomTokens({ secret: TEST_SECRET, ttlSeconds: 60 })
  const sync = createSyncServer({
    docs: store.docs,
    fanout: options.fanout,
    authorize: createSyncAuthorizer({ roomTokens, boards: store.boards, allowedOrigins: null }),
    revalidate: (principal) => roleOfUserId(store, principal.userId, principal.boardId),
    logger: silentLogger,
    compactEvery: options.compactEvery,
    idleUnloadMs: options.idleUnloadMs,
    heapRelease: options.heapRelease,
  })
  const server = http.createServer((_req, res) => res.writeHead(404).end())
  server.on('upgrade', (req, socket, head) => {
    if (sync.handles(req)) sync.handleUpgrade(req, socket, head)
    else socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    syncUrl: `ws://localhost:${port}/sync`,
    sync,
    store,
    roomTokens,
    async close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      await sync.close()
      await options.fanout.close()
      server.closeAllConnections()
      await stopped
      await store.close()
    },
  }
}
