/**
 * One HTTP server on one port: Next.js for pages and API routes, and the sync WebSocket at
 * `/sync/<boardId>`. The sync path is kept outside `app/` so Next's own upgrade listener
 * (which ends sockets on paths it routes) never touches it.
 */
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import next from 'next'
import type { Env } from '../lib/env'
import { provideAppContext } from '../lib/runtime/appContext'
import { stampClientAddress } from './clientAddress'
import type { Logger } from './logger'
import { serveObservability } from './observability/serveObservability'
import type { Services } from './services'

export interface StartOptions {
  env: Env
  logger: Logger
  services: Services
  /** Next.js in development mode (hot reload). */
  dev?: boolean
  /** Serve the web app; false runs a sync-only node. */
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

  let handleRequest: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '2' }).end('Starting…')
  }
  let handleOtherUpgrade: ((req: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => void) | null = null

  const server = http.createServer((req, res) => {
    // Route handlers (sign-in's rate limit) learn the client's address only from this header.
    stampClientAddress(req, env.TRUST_PROXY)
    // Health and metrics are answered here, before Next.js: sync-only nodes have them too, and
    // they answer while Next is still starting.
    if (serveObservability(req, res, services, logger)) return
    handleRequest(req, res)
  })
  server.on('upgrade', (req, socket, head) => {
    if (services.sync.handles(req)) services.sync.handleUpgrade(req, socket, head)
    else if (handleOtherUpgrade) handleOtherUpgrade(req, socket, head)
    else socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(env.PORT, env.HOST, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://localhost:${port}`

  let app: ReturnType<typeof next> | null = null
  if (web) {
    // NextAuth reads its base URL from the environment itself. With no public URL configured
    // it follows the request's Host header, which is what a local or LAN install wants.
    if (env.PUBLIC_URL) process.env.NEXTAUTH_URL = env.PUBLIC_URL
    else process.env.AUTH_TRUST_HOST = 'true'
    app = next({ dev, dir: projectDir, hostname: 'localhost', port })
    await app.prepare()
    const nextHandler = app.getRequestHandler()
    const nextUpgrade = app.getUpgradeHandler()
    handleRequest = (req, res) => {
      nextHandler(req, res).catch((error: Error) => {
        logger.error({ err: error.message, url: req.url }, 'request failed')
        if (!res.headersSent) res.writeHead(500).end()
      })
    }
    handleOtherUpgrade = (req, socket, head) => {
      nextUpgrade(req, socket, head).catch(() => socket.destroy())
    }
  } else {
    handleRequest = (_req, res) => {
      res.writeHead(404).end()
    }
    // Like any other path here, an upgrade outside `/sync/` is not found. Destroying the socket
    // instead would leave the client with a bare "socket hang up".
    handleOtherUpgrade = (_req, socket) => {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
    }
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
        await app?.close()
        await services.store.close()
      })()
      return closing
    },
  }
}
