/**
 * A room's side of the {@link Fanout}: it applies what other nodes publish to the room's doc
 * and presence, publishes the presence of this node's sockets, and catches up from the store
 * when the fanout may have lost messages.
 *
 * Updates from other nodes are already durable (the node that received them stored them before
 * publishing), so they are neither stored nor published again. They reach the doc with
 * {@link REMOTE_ORIGIN}, and the sockets as the other node sent them: what the doc emits for a
 * transaction leaves out values that the same transaction replaced, and a note's text typed in
 * one burst must still arrive. Updates read from the store when catching up carry
 * {@link STORE_ORIGIN}; of those the room forwards what its doc lacked.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { DocStore } from '../../lib/store/types'
import type { Logger } from '../logger'
import { decodeEntries } from './awarenessThrottle'
import type { Fanout, FanoutListener, FanoutSubscription } from './fanout'
import { AWARENESS_TIMEOUT_ORIGIN, REMOTE_ORIGIN, STORE_ORIGIN } from './origins'

/** What the link needs of its room. */
export interface LinkedRoom {
  readonly name: string
  readonly doc: Y.Doc
  readonly isClosed: boolean
  /** Sends an update to the room's sockets, as it is. */
  forward(update: Uint8Array): void
}

/** What the link needs of its room's presence (./RoomPresence.ts). */
export interface LinkedPresence {
  readonly awareness: awarenessProtocol.Awareness
  /** The user whose socket caused a presence change, or null for the room's own removals. */
  ownerOf(origin: unknown): string | null
  /** The presence this node's sockets own. */
  local(): Iterable<{ ids: Iterable<number>; userId: string }>
  /** Awareness ids another node now owns: sockets here no longer speak for them. */
  release(ids: readonly number[]): void
}

export class RoomLink implements FanoutListener {
  /** Awareness ids owned by sockets on other nodes, with their users. */
  private readonly remoteOwners = new Map<number, string>()
  private subscription: FanoutSubscription | null = null
  /** Updates from other nodes waiting for the end of this turn, to be applied together. */
  private incoming: Uint8Array[] = []
  private catchingUp: Promise<number | null> | null = null
  private nextCatchUp: Promise<number | null> | null = null

  constructor(
    private readonly room: LinkedRoom,
    private readonly presence: LinkedPresence,
    private readonly fanout: Fanout,
    private readonly docs: DocStore,
    private readonly logger: Logger,
  ) {}

  /** True when other nodes append to this room's stored log too. */
  get shared(): boolean {
    return this.fanout.shared
  }

  /** Subscribes; call before reading the store so nothing published meanwhile is missed. */
  async attach(): Promise<void> {
    const subscription = await this.fanout.subscribe(this.room.name, this)
    if (this.room.isClosed) {
      subscription.unsubscribe()
      return
    }
    this.subscription = subscription
    // With no other nodes there is no one to publish presence to: skip encoding it.
    if (this.fanout.shared) this.presence.awareness.on('update', this.onAwarenessUpdate)
  }

  detach(): void {
    this.presence.awareness.off('update', this.onAwarenessUpdate)
    this.subscription?.unsubscribe()
    this.subscription = null
    this.remoteOwners.clear()
  }

  /** The user whose socket on another node owns this awareness id, if any. */
  remoteOwner(clientId: number): string | undefined {
    return this.remoteOwners.get(clientId)
  }

  /**
   * Claims an awareness id for a user across nodes (see {@link FanoutSubscription.claimPresence});
   * null when this room is the only one (its own first claims decide).
   */
  claimPresence(clientId: number, userId: string): Promise<string> | null {
    return this.subscription?.claimPresence?.(clientId, userId) ?? null
  }

  /** Sends an update this node has made durable to the other nodes. */
  published(update: Uint8Array): void {
    this.subscription?.publishUpdate(update)
  }

  update(update: Uint8Array): void {
    if (this.room.isClosed) return
    // A fanout delivers what it read at once: merged, those updates reach the doc in one
    // transaction and the sockets in one message. They were encoded by our own nodes' docs,
    // not taken from the wire, so merging them is safe.
    this.incoming.push(update)
    if (this.incoming.length === 1) queueMicrotask(() => this.applyIncoming())
  }

  private applyIncoming() {
    const updates = this.incoming.splice(0)
    if (this.room.isClosed) return
    try {
      const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates)
      Y.applyUpdate(this.room.doc, update, REMOTE_ORIGIN)
      this.room.forward(update)
    } catch (error) {
      // Another node stored it, so the store has it in a form that loads: read it from there.
      this.logger.error({ room: this.room.name, err: (error as Error).message }, 'could not apply a remote update')
      this.catchUp()
    }
  }

  awareness(update: Uint8Array, owner: string | null): void {
    if (this.room.isClosed) return
    try {
      const claimed: number[] = []
      for (const { clientId, clock, state } of decodeEntries(update)) {
        if (state === 'null') {
          this.remoteOwners.delete(clientId)
        } else if (owner !== null && clock > (this.presence.awareness.meta.get(clientId)?.clock ?? -1)) {
          // A client that moved to another node (its old socket here not yet noticed dead).
          this.remoteOwners.set(clientId, owner)
          claimed.push(clientId)
        }
      }
      if (claimed.length > 0) this.presence.release(claimed)
      awarenessProtocol.applyAwarenessUpdate(this.presence.awareness, update, REMOTE_ORIGIN)
    } catch (error) {
      this.logger.warn({ room: this.room.name, err: (error as Error).message }, 'could not apply remote presence')
    }
  }

  presenceWanted(): void {
    if (this.room.isClosed || !this.subscription) return
    for (const { ids, userId } of this.presence.local()) {
      const owned = [...ids].filter((id) => this.presence.awareness.states.has(id))
      if (owned.length === 0) continue
      this.subscription.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.presence.awareness, owned), userId)
    }
  }

  catchUp(): void {
    this.catchUpFromStore().catch((error: Error) =>
      this.logger.error({ room: this.room.name, err: error.message }, 'catching up from the store failed'),
    )
  }

  /**
   * Applies everything stored that the doc lacks (the room forwards it to its sockets) and
   * resolves with the sequence number the doc now holds everything up to, or null when the
   * doc was destroyed meanwhile. Requests during a read wait for one more read, which starts after
   * them and so sees what they were asked for.
   */
  catchUpFromStore(): Promise<number | null> {
    if (this.nextCatchUp) return this.nextCatchUp
    const start = () => {
      this.nextCatchUp = null
      const run = this.readStore().finally(() => {
        if (this.catchingUp === run) this.catchingUp = null
      })
      this.catchingUp = run
      return run
    }
    if (!this.catchingUp) return start()
    this.nextCatchUp = this.catchingUp.then(start, start)
    return this.nextCatchUp
  }

  private async readStore(): Promise<number | null> {
    // A closing room still catches up: it compacts on its way out.
    if (this.room.doc.isDestroyed) return null
    const stored = await this.docs.loadDoc(this.room.name)
    if (this.room.doc.isDestroyed) return null
    // Stored updates were validated when they arrived, so merging them here is safe. Yjs
    // skips what the doc already has; the room forwards only the difference.
    Y.transact(
      this.room.doc,
      () => {
        if (stored.snapshot) Y.applyUpdate(this.room.doc, stored.snapshot, STORE_ORIGIN)
        for (const update of stored.updates) Y.applyUpdate(this.room.doc, update, STORE_ORIGIN)
      },
      STORE_ORIGIN,
    )
    return stored.lastSeq
  }

  /** Publishes presence changes made by this node's sockets; other nodes time out their own. */
  private onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === REMOTE_ORIGIN || origin === AWARENESS_TIMEOUT_ORIGIN || !this.subscription) return
    const changed = [...added, ...updated, ...removed]
    if (changed.length === 0) return
    this.subscription.publishAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.presence.awareness, changed),
      this.presence.ownerOf(origin),
    )
  }
}
