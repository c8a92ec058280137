/**
 * A room's forward-then-store pipeline. Updates applied to the room's doc are queued, forwarded
 * to the room's sockets in batches (one message to each socket per batch), and then appended
 * to the store (one transaction per append, one append at a time). A client's edit reaches the
 * others without waiting for the store's commit and fsync, which is most of a delivery's time
 * on a quiet server (bench/results.md, issue 15); what a crash takes back in that window, the
 * clients that have it send again when they reconnect (Yjs sync step 2 answers the server's
 * state vector with everything it lacks). Other nodes hear an update only once it is stored,
 * and a new client's first sync is answered only once everything applied is stored, so the
 * store and the nodes never disagree about what exists. The stored log is compacted into one
 * snapshot every so many updates.
 */
import * as Y from 'yjs'
import type { DocStore } from '../../lib/store/types'
import type { Logger } from '../logger'
import { encodeUpdate } from './protocol'
import type { RoomLink } from './roomLink'
import type { SyncMetrics } from './syncMetrics'

export interface DurableUpdatesOptions {
  /** The document's name in the store. */
  name: string
  doc: Y.Doc
  docs: DocStore
  logger: Logger
  metrics: SyncMetrics
  /** Compact the stored log after this many appended updates. */
  compactEvery: number
  link: Pick<RoomLink, 'published' | 'shared' | 'catchUpFromStore'>
  /** Sends a sync message to every started socket of the room except `except`. */
  broadcast(message: Uint8Array, except: unknown): void
  /** The store refused an append: nothing more can be made durable. */
  onFailure(error: Error): void
  /** True once the room is closing or closed (no more compaction on the way). */
  isClosed(): boolean
}

/** How long an append that another node began may take to commit (see snapshotForCompaction). */
const SHARED_LOG_SETTLE_MS = 1000

interface Queued {
  update: Uint8Array
  origin: unknown
  /** When the message that made it arrived (performance.now()). */
  receivedAt: number
}

/** A forwarded batch on its way to the store: its updates, and the one update its sockets got. */
interface Unstored {
  updates: Uint8Array[]
  forwarded: Uint8Array
}

export class DurableUpdates {
  /** Applied, not yet forwarded. */
  private pending: Queued[] = []
  private forwardScheduled = false
  /** Forwarded, not yet stored. */
  private unstored: Unstored[] = []
  private storing = false
  private failed = false
  private drainWaiters: (() => void)[] = []
  private lastSeq = 0
  private updatesSinceCompaction = 0
  private compacting: Promise<void> | null = null

  constructor(private readonly options: DurableUpdatesOptions) {}

  /** Where the stored log stood when the room loaded. */
  loaded(lastSeq: number, storedUpdates: number): void {
    this.lastSeq = lastSeq
    this.updatesSinceCompaction = storedUpdates
    this.maybeCompact()
  }

  /** An update this node applied: it is forwarded to everyone but `origin`, then stored. */
  add(update: Uint8Array, origin: unknown, receivedAt: number): void {
    if (this.failed) return
    this.pending.push({ update, origin, receivedAt })
    if (!this.forwardScheduled) {
      this.forwardScheduled = true
      // Starting after the event loop's poll phase, the batch holds every update that arrived
      // in this pass over the sockets — and a guard's revert, which Yjs emits right after the
      // offending update, so nobody ever receives a refused change without its undoing. When
      // the loop is busy, more arrive per pass and the batches grow, where one broadcast per
      // update would fall ever further behind.
      setImmediate(() => this.forward())
    }
  }

  /**
   * Forwards the queued updates, then hands them to the store. A batch of several is forwarded
   * as one merged update, to everyone including the senders (Yjs ignores what a client already
   * has): a reverted change then arrives together with its revert and no client ever shows it.
   * Merging is safe here because these updates were encoded by our own doc, not taken from the
   * wire.
   */
  private forward() {
    this.forwardScheduled = false
    if (this.failed || this.pending.length === 0) return
    const { options } = this
    const batch = this.pending.splice(0)
    const updates = batch.map((entry) => entry.update)
    const forwarded = batch.length === 1 ? updates[0] : Y.mergeUpdates(updates)
    options.broadcast(encodeUpdate(forwarded), batch.length === 1 ? batch[0].origin : null)
    const forwardedAt = performance.now()
    for (const entry of batch) options.metrics.forwarded((forwardedAt - entry.receivedAt) / 1000)
    this.unstored.push({ updates, forwarded })
    if (!this.storing) void this.store()
  }

  /**
   * Appends forwarded batches to the store, one append at a time: what was forwarded while an
   * append ran goes into the next one (group commit). Other nodes hear a batch once it is stored.
   */
  private async store() {
    const { options } = this
    this.storing = true
    try {
      while (this.unstored.length > 0) {
        const chunk = this.unstored.splice(0)
        const updates = chunk.flatMap((batch) => batch.updates)
        this.lastSeq = await options.docs.appendUpdates(options.name, updates)
        this.updatesSinceCompaction += updates.length
        for (const batch of chunk) options.link.published(batch.forwarded)
      }
    } catch (error) {
      this.storing = false
      this.failed = true
      this.pending = []
      this.unstored = []
      this.drainWaiters = []
      options.onFailure(error as Error)
      return
    }
    this.storing = false
    if (!this.isDrained()) return
    for (const waiter of this.drainWaiters.splice(0)) waiter()
    this.maybeCompact()
  }

  private isDrained(): boolean {
    return !this.forwardScheduled && !this.storing && this.pending.length === 0 && this.unstored.length === 0
  }

  /** Runs `fn` synchronously once every applied update is durable. */
  whenDrained(fn: () => void): void {
    if (this.isDrained()) fn()
    else this.drainWaiters.push(fn)
  }

  /** Resolves once every applied update is durable. */
  drained(): Promise<void> {
    return new Promise((resolve) => this.whenDrained(resolve))
  }

  private maybeCompact() {
    if (this.compacting || this.options.isClosed() || this.updatesSinceCompaction < this.options.compactEvery) return
    void this.compact()
  }

  /** Replaces the stored log with one snapshot of the doc; the doc holds exactly what is durable. */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting
    if (!this.isDrained() || this.updatesSinceCompaction === 0) return Promise.resolve()
    const { docs, name, logger } = this.options
    const count = this.updatesSinceCompaction
    this.updatesSinceCompaction = 0
    this.compacting = this.snapshotForCompaction()
      .then(async (snapshot) => {
        if (snapshot) await docs.compactDoc(name, snapshot.state, snapshot.throughSeq)
      })
      .catch((error: Error) => {
        this.updatesSinceCompaction += count
        logger.error({ room: name, err: error.message }, 'compaction failed')
      })
      .finally(() => {
        this.compacting = null
      })
    return this.compacting
  }

  /** Waits for a compaction under way, then compacts what is left (the room is closing). */
  async finish(): Promise<void> {
    await this.compacting
    await this.compact()
  }

  /**
   * The doc's state and the stored sequence number it holds every update up to: this room's
   * last append, taken at once. On a shared store other nodes append to the same log, and an
   * update of theirs the doc has not yet heard of would be dropped with the updates the
   * snapshot replaces; so the doc first catches up from the store, and the snapshot covers
   * what that read saw.
   */
  private async snapshotForCompaction(): Promise<{ state: Uint8Array; throughSeq: number } | null> {
    const { doc, link } = this.options
    if (!link.shared) return { state: Y.encodeStateAsUpdate(doc), throughSeq: this.lastSeq }
    const throughSeq = await link.catchUpFromStore()
    if (throughSeq === null) return null
    // PostgreSQL numbers a row when it is inserted, not when it commits: another node's append
    // that began before that read may still commit with a smaller number than `throughSeq`. A
    // second read a moment later brings such an update into the doc before the log goes.
    await new Promise((resolve) => setTimeout(resolve, SHARED_LOG_SETTLE_MS))
    if ((await link.catchUpFromStore()) === null || doc.isDestroyed) return null
    return { state: Y.encodeStateAsUpdate(doc), throughSeq }
  }
}
