/**
 * `GET /api/health` and `GET /metrics`, answered by the Node server itself before Next.js sees
 * the request, so a sync-only node has them too and they answer while Next is starting.
 */
import type http from 'node:http'
import type { Logger } from '../logger'
import type { HealthChecks } from './health'
import type { Metrics } from './metrics'
import securityHeaders from '../../lib/http/securityHeaders.json'

/** The headers every answer of the site carries (next.config.js sends the same ones). */
const SECURITY_HEADERS: Record<string, string> = Object.fromEntries(securityHeaders.map(({ key, value }) => [key, value]))

export const HEALTH_PATH = '/api/health'
export const METRICS_PATH = '/metrics'

export interface Observability {
  health: HealthChecks
  metrics: Metrics
}

/** Answers the request when it is one of ours; false leaves it to the rest of the server. */
export function serveObservability(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  { health, metrics }: Observability,
  logger: Logger,
): boolean {
  const path = (req.url ?? '').split('?')[0]
  if (path !== HEALTH_PATH && path !== METRICS_PATH) return false
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' }).end()
    return true
  }
  const answer = path === HEALTH_PATH ? healthAnswer(health) : metricsAnswer(metrics)
  answer
    .then(({ status, type, body }) => {
      res
        .writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': 'no-store' })
        .end(req.method === 'HEAD' ? undefined : body)
    })
    .catch((error: Error) => {
      logger.error({ err: error.message, path }, 'observability endpoint failed')
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS).end()
    })
  return true
}

async function healthAnswer(health: HealthChecks) {
  const report = await health.run()
  return { status: report.status === 'ok' ? 200 : 503, type: 'application/json', body: JSON.stringify(report) }
}

async function metricsAnswer(metrics: Metrics) {
  return { status: 200, type: metrics.contentType, body: await metrics.render() }
}
