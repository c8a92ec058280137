/**
 * A sync-only node: the sync WebSocket at `/sync/<boardId>`, `GET /api/health` and
 * `GET /metrics`, and 404 for everything else — for running more sync capacity behind a load
 * balancer next to full nodes (README, "Running more than one node"). It loads only the sync
 * services (./syncServices.ts): no Next.js, no sign-in, rounds, people or housekeeping, which
 * the full nodes run. It seeds nothing either.
 *
 * Deployed as compiled JavaScript, without the TypeScript loader: `npm run build:sync` writes
 * `dist/sync-node.mjs` (scripts/build-sync.mjs), run with `node dist/sync-node.mjs`;
 * `npm start -- --sync-only` builds it when needed and runs it.
 */
import { createLogger } from './logger'
import { closeOnSignals, loadEnvOrExit, runMain } from './nodeProcess'
import { listenNode, notFound } from './nodeServer'
import { describeDatabase } from './store/openStore'
import { createSyncServices } from './syncServices'

runMain(async () => {
  const env = loadEnvOrExit()
  const logger = createLogger(env.LOG_LEVEL)
  const services = await createSyncServices(env, logger)
  const node = await listenNode({ env, logger, parts: services })
  node.serveOthers(notFound)
  logger.info({ url: node.url, port: node.port, database: describeDatabase(env), syncOnly: true }, 'Strategitavlan is ready')

  let closing: Promise<void> | null = null
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => node.server.close(() => resolve()))
      services.snapshots.stop()
      await services.sync.close()
      await services.fanout.close()
      node.server.closeAllConnections()
      await stopped
      await services.store.close()
    })()
    return closing
  }
  closeOnSignals({ close }, logger)
})
