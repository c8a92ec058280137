/**
 * Prometheus metrics for `GET /metrics`: the sync server's work (through {@link SyncMetrics})
 * and the process's own (memory, CPU, event-loop delay). One registry per server, made at
 * start and passed in; nothing is registered globally.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { SyncMetrics } from '../sync/syncMetrics'

export interface Metrics {
  /** What the sync server reports into. */
  readonly sync: SyncMetrics
  /** Where the room and connection gauges read from, once the sync server exists. */
  trackSyncStats(stats: () => { rooms: number; connections: number }): void
  readonly contentType: string
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>
}

const PREFIX = 'strategitavlan_sync_'

export function createMetrics(): Metrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  let stats = () => ({ rooms: 0, connections: 0 })

  new Gauge({
    name: `${PREFIX}rooms`,
    help: 'Rooms (documents) loaded in memory.',
    registers: [registry],
    collect() {
      this.set(stats().rooms)
    },
  })
  new Gauge({
    name: `${PREFIX}connections`,
    help: 'Open sync sockets.',
    registers: [registry],
    collect() {
      this.set(stats().connections)
    },
  })
  const updates = new Counter({
    name: `${PREFIX}updates_total`,
    help: 'Document updates stored and forwarded.',
    registers: [registry],
  })
  const receivedBytes = new Counter({
    name: `${PREFIX}received_bytes_total`,
    help: 'Bytes of frames received from clients.',
    registers: [registry],
  })
  const sentBytes = new Counter({
    name: `${PREFIX}sent_bytes_total`,
    help: 'Bytes of frames sent to clients (a broadcast counts once per socket).',
    registers: [registry],
  })
  const forwardLatency = new Histogram({
    name: `${PREFIX}forward_latency_seconds`,
    help: 'From receiving a document update to forwarding it (it is stored right after).',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  const refusals = new Counter({
    name: `${PREFIX}refusals_total`,
    help: 'Sockets refused or closed for breaking a rule, by reason and close code.',
    labelNames: ['reason', 'code'] as const,
    registers: [registry],
  })

  return {
    sync: {
      received: (bytes) => receivedBytes.inc(bytes),
      sent: (bytes) => sentBytes.inc(bytes),
      forwarded(seconds) {
        updates.inc()
        forwardLatency.observe(seconds)
      },
      refused: (reason, code) => refusals.inc({ reason, code: String(code) }),
    },
    trackSyncStats(source) {
      stats = source
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  }
}
