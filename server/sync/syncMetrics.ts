/**
 * What the sync server reports while it works. It knows no metrics library: an implementation
 * is passed in (server/observability/metrics.ts makes the Prometheus one), and without one
 * nothing is counted.
 */
export interface SyncMetrics {
  /** A frame of `bytes` arrived from a client. */
  received(bytes: number): void
  /** A frame of `bytes` was handed to one client's socket. */
  sent(bytes: number): void
  /** A document update was stored and forwarded, `seconds` after its frame arrived. */
  forwarded(seconds: number): void
  /** A socket was refused or closed for breaking a rule (`reason` as in docs/sync.md). */
  refused(reason: string, code: number): void
}

export const noSyncMetrics: SyncMetrics = {
  received() {},
  sent() {},
  forwarded() {},
  refused() {},
}
