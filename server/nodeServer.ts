/**
 * The HTTP server every node runs, on one port: the sync WebSocket at `/sync/<boardId>`, and
 * `GET /api/health` and `GET /metrics` answered before anything else. What the node serves
 * besides (the web app, or nothing on a sync-only node) is plugged in with `serveOthers`.
 * Imports nothing of Next.js, so a sync-only node never loads it.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Env } from '../lib/env'
import { stampClientAddress } from './clientAddress'
import type { Logger } from './logger'
import type { HealthChecks } from './observability/health'
import type { Metrics } from './observability/metrics'
import { serveObservability } from './observability/serveObservability'
import type { SyncServer } from './sync/createSyncServer'

/** What every node serves itself. */
export interface NodeParts {
  sync: SyncServer
  health: HealthChecks
  metrics: Metrics
}

/** Requests and upgrades that are neither the sync socket nor health and metrics. */
export interface OtherRequests {
  request(req: http.IncomingMessage, res: http.ServerResponse): void
  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void
}

export interface ListeningNode {
  server: http.Server
  port: number
  url: string
  serveOthers(others: OtherRequests): void
}

/** Until `serveOthers` is called (Next.js is still starting), other requests are told to retry. */
const starting: OtherRequests = {
  request(_req, res) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '2' }).end('Starting…')
  },
  upgrade(_req, socket) {
    socket.destroy()
  },
}

/** A sync-only node's answer to everything else: not found. */
export const notFound: OtherRequests = {
  request(_req, res) {
    res.writeHead(404).end()
  },
  // Like any other path here, an upgrade outside `/sync/` is not found. Destroying the socket
  // instead would leave the client with a bare "socket hang up".
  upgrade(_req, socket) {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
  },
}

export async function listenNode({ env, logger, parts }: { env: Env; logger: Logger; parts: NodeParts }): Promise<ListeningNode> {
  let others = starting
  const server = http.createServer((req, res) => {
    // Route handlers (sign-in's rate limit) learn the client's address only from this header.
    stampClientAddress(req, env.TRUST_PROXY)
    // Health and metrics are answered here, before Next.js: sync-only nodes have them too, and
    // they answer while Next is still starting.
    if (serveObservability(req, res, parts, logger)) return
    others.request(req, res)
  })
  server.on('upgrade', (req, socket, head) => {
    if (parts.sync.handles(req)) parts.sync.handleUpgrade(req, socket, head)
    else others.upgrade(req, socket, head)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(env.PORT, env.HOST, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    server,
    port,
    url: `http://localhost:${port}`,
    serveOthers(given) {
      others = given
    },
  }
}
