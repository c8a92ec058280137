/**
 * A room's presence (Yjs awareness): who is here, their cursors and selections. It is relayed
 * to everyone in the room, never stored. Each socket may speak only for the awareness client
 * ids it owns, for a bounded number of them, at a bounded rate (see ./awarenessThrottle.ts).
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import type * as Y from 'yjs'
import type { WebSocket } from 'ws'
import { AwarenessThrottle, encodeEntries, type AwarenessEntry } from './awarenessThrottle'
import { RefusedError, Refusals, type SyncLimits } from './connectionLimits'
import { CloseCode, ProtocolError, encodeAwareness } from './protocol'
import type { Connection } from './Room'

/** What presence needs of its room. */
export interface PresenceHost {
  readonly connections: ReadonlyMap<WebSocket, Connection>
  /** The user whose socket on another node owns this awareness id, if any. */
  remoteOwner(clientId: number): string | undefined
  send(connection: Connection, message: Uint8Array): void
  closeConnection(connection: Connection, code: number, reason: string): void
}

export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness

  constructor(
    doc: Y.Doc,
    private readonly host: PresenceHost,
    private readonly limits: SyncLimits,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    // The server is not a participant: it announces no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
  }

  /** The throttle a new socket's presence goes through. */
  throttleFor(connection: () => Connection): AwarenessThrottle {
    return new AwarenessThrottle(this.limits.awarenessPerSecond, (update) =>
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection()),
    )
  }

  /** Tells a socket that just joined who is here. */
  greet(connection: Connection): void {
    if (this.awareness.getStates().size > 0) this.answerQuery(connection)
  }

  /** Answers a query for everyone's presence. */
  answerQuery(connection: Connection): void {
    const ids = [...this.awareness.getStates().keys()]
    this.sendPresence(connection, encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
  }

  /** Sends presence, which a stock client will echo once. */
  private sendPresence(connection: Connection, message: Uint8Array) {
    connection.inbound.expectEcho(message.byteLength)
    this.host.send(connection, message)
  }

  /** An awareness update from a socket: checked, then relayed through its throttle. */
  receive(connection: Connection, update: Uint8Array): void {
    const own = this.ownEntries(connection, update)
    if (own.length === 0) {
      // The stock provider sends back every presence update it receives (one message per
      // update, from every client). Those echoes change nothing and are dropped here; they
      // must not count against the socket's message rate, or a stock client in a busy room
      // would be closed for its library's habit — as far as they echo what it was sent.
      connection.inbound.refundEcho(update.byteLength + 2)
      return
    }
    const ids = new Set([...connection.awarenessIds, ...own.map((entry) => entry.clientId)])
    if (ids.size > this.limits.maxAwarenessIdsPerConnection) throw new RefusedError(Refusals.tooManyPresenceIds)
    connection.presence.submit(encodeEntries(own))
  }

  /** A socket left: its presence goes with it. */
  leave(connection: Connection): void {
    connection.presence.stop()
    if (connection.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null)
    }
  }

  /** The user whose socket caused a presence change, or null for the room's own removals. */
  ownerOf(origin: unknown): string | null {
    const connection = this.connectionOf(origin)
    return connection ? connection.principal.userId : null
  }

  /** The presence this node's sockets own. */
  *local(): Iterable<{ ids: Iterable<number>; userId: string }> {
    for (const connection of this.host.connections.values()) {
      yield { ids: connection.awarenessIds, userId: connection.principal.userId }
    }
  }

  /** Awareness ids another node now owns: sockets here no longer speak for them. */
  release(ids: readonly number[]): void {
    for (const connection of this.host.connections.values()) for (const id of ids) connection.awarenessIds.delete(id)
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  private connectionOf(origin: unknown): Connection | null {
    if (typeof origin !== 'object' || origin === null) return null
    const connection = origin as Connection
    return this.host.connections.get(connection.socket) === connection ? connection : null
  }

  /**
   * The entries of an awareness update this socket may apply. Only a socket that owns an
   * awareness id may advance its clock. The stock client re-sends every state it receives
   * (same clock) and marks silent peers offline (same clock, null state), so entries for
   * another socket's id that are not newer are dropped quietly; a newer one from someone else
   * can only be a forgery and breaks the protocol.
   */
  private ownEntries(connection: Connection, update: Uint8Array): AwarenessEntry[] {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    const kept: AwarenessEntry[] = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = decoding.readVarString(decoder)
      JSON.parse(state)
      let owner: Connection | undefined
      for (const other of this.host.connections.values()) {
        if (other !== connection && other.awarenessIds.has(clientId)) {
          owner = other
          break
        }
      }
      // A socket on another node may own it too: then the same rules hold, by user.
      const remoteOwner = owner ? undefined : this.host.remoteOwner(clientId)
      if (!owner && remoteOwner === undefined) {
        kept.push({ clientId, clock, state })
        continue
      }
      if (clock <= (this.awareness.meta.get(clientId)?.clock ?? 0)) continue
      if ((owner ? owner.principal.userId : remoteOwner) !== connection.principal.userId) {
        throw new ProtocolError('awareness update for another connection')
      }
      // The same person's client came back on a new socket (here, or moved here from another
      // node) before the old one was noticed dead (a weak link drops without a close frame).
      // The id moves to the new socket and a stale one here is dropped, so the returning
      // client is not mistaken for a forger.
      if (owner) {
        owner.awarenessIds.delete(clientId)
        this.host.closeConnection(owner, CloseCode.restarting, 'replaced by a newer connection')
      }
      kept.push({ clientId, clock, state })
    }
    return kept
  }

  private onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const connection = this.connectionOf(origin)
    if (connection) {
      // A client that comes back with the id it had before shows up as `updated`, not `added`:
      // the awareness keeps a departed client's clock. It owns that id again all the same.
      for (const id of [...added, ...updated]) connection.awarenessIds.add(id)
      for (const id of removed) connection.awarenessIds.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    // Presence goes to everyone, the sender included: the stock client treats the echo of its
    // own state as a sign of life.
    for (const other of this.host.connections.values()) this.sendPresence(other, message)
  }
}
