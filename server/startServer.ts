/**
 * A full node: Next.js for pages and API routes, and the sync WebSocket at `/sync/<boardId>`
 * (./nodeServer.ts), on one port. The sync path is kept outside `app/` so Next's own upgrade
 * listener (which ends sockets on paths it routes) never touches it. Next.js is imported only
 * when the web app is served; a sync-only node starts from ./syncMain.ts and never loads it.
 */
import path from 'node:path'
import type { Env } from '../lib/env'
import { provideAppContext } from '../lib/runtime/appContext'
import type { Logger } from './logger'
import { listenNode, notFound } from './nodeServer'
import type { Services } from './services'

export interface StartOptions {
  env: Env
  logger: Logger
  services: Services
  /** Next.js in development mode (hot reload). */
  dev?: boolean
  /** Serve the web app; false serves only what a sync-only node does (the tests' in-process nodes). */
  web?: boolean
}

export interface RunningServer {
  url: string
  port: number
  services: Services
  close(): Promise<void>
}

const projectDir = path.resolve(import.meta.dirname, '..')

export async function startServer({ env, logger, services, dev = false, web = true }: StartOptions): Promise<RunningServer> {
  provideAppContext(services.context)
  const node = await listenNode({ env, logger, parts: services })
  const { server, port, url } = node

  let closeApp: (() => Promise<void>) | null = null
  if (web) {
    // NextAuth reads its base URL from the environment itself. With no public URL configured
    // it follows the request's Host header, which is what a local or LAN install wants.
    if (env.PUBLIC_URL) process.env.NEXTAUTH_URL = env.PUBLIC_URL
    else process.env.AUTH_TRUST_HOST = 'true'
    const { default: next } = await import('next')
    const app = next({ dev, dir: projectDir, hostname: 'localhost', port })
    await app.prepare()
    closeApp = () => app.close()
    const nextHandler = app.getRequestHandler()
    const nextUpgrade = app.getUpgradeHandler()
    node.serveOthers({
      request(req, res) {
        nextHandler(req, res).catch((error: Error) => {
          logger.error({ err: error.message, url: req.url }, 'request failed')
          if (!res.headersSent) res.writeHead(500).end()
        })
      },
      upgrade(req, socket, head) {
        nextUpgrade(req, socket, head).catch(() => socket.destroy())
      },
    })
  } else {
    node.serveOthers(notFound)
  }

  let closing: Promise<void> | null = null
  return {
    url,
    port,
    services,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        services.snapshots.stop()
        services.housekeeping.stop()
        await services.sync.close()
        await services.fanout.close()
        await services.closeExtras()
        server.closeAllConnections()
        await stopped
        await closeApp?.()
        await services.store.close()
      })()
      return closing
    },
  }
}
