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
import { RefusedError, Refusals, type Refusal, type SyncLimits } from './connectionLimits'
import { CloseCode, ProtocolError, encodeAwareness } from './protocol'
import { recordsArray } from '../../lib/board/docLayout'
import type { Connection } from './connection'
import { connectionOf } from './origins'
import type { RoomLink } from './roomLink'

/** What presence needs of its room. */
export interface PresenceHost {
  readonly connections: ReadonlyMap<WebSocket, Connection>
  /**
   * The same room on other nodes: who owns an awareness id there, and (with several nodes)
   * claiming an id nobody here knows for every node (see ./fanout.ts `claimPresence`).
   */
  readonly link: Pick<RoomLink, 'remoteOwner' | 'claimPresence'>
  send(connection: Connection, message: Uint8Array): void
  closeConnection(connection: Connection, code: number, reason: string): void
  /** Closes a socket for breaking a rule, with a log line and a count by reason. */
  refuse(connection: Connection, refusal: Refusal, details?: object): void
}

/** How many awareness ids' first claimants a room remembers (each page load makes one). */
const FIRST_CLAIMS_KEPT = 50_000

export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness

  constructor(
    doc: Y.Doc,
    private readonly host: PresenceHost,
    private readonly limits: SyncLimits,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.records = recordsArray(doc) as unknown as Y.Array<unknown>
    this.records.observe(this.countKeys)
    // The server is not a participant: it announces no presence of its own.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
  }

  /** The room's record array, and how many entries each key has in it (YKeyValue may hold two briefly). */
  private readonly records: Y.Array<unknown>
  private readonly keys = new Map<string, number>()

  private countKeys = (event: Y.YArrayEvent<unknown>) => {
    for (const item of event.changes.added) {
      for (const entry of item.content.getContent()) {
        const key = keyOf(entry)
        if (key !== null) this.keys.set(key, (this.keys.get(key) ?? 0) + 1)
      }
    }
    for (const item of event.changes.deleted) {
      for (const entry of item.content.getContent()) {
        const key = keyOf(entry)
        if (key === null) continue
        const left = (this.keys.get(key) ?? 0) - 1
        if (left > 0) this.keys.set(key, left)
        else this.keys.delete(key)
      }
    }
  }

  /** Ids each socket is claiming across nodes right now (./fanout.ts `claimPresence`). */
  private readonly claiming = new WeakMap<Connection, Set<number>>()

  /** The first person to claim each awareness id in this room (while it is loaded), oldest first. */
  private readonly firstClaims = new Map<number, string>()

  private remember(clientId: number, userId: string) {
    if (this.firstClaims.has(clientId)) return
    this.firstClaims.set(clientId, userId)
    if (this.firstClaims.size > FIRST_CLAIMS_KEPT) this.firstClaims.delete(this.firstClaims.keys().next().value as number)
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
    const { own, unclaimed } = this.ownEntries(connection, update)
    if (unclaimed.length > 0) {
      // Ids still being claimed count too: a socket cannot make the cluster remember more
      // ids by sending them faster than Redis answers.
      const claiming = this.claiming.get(connection) ?? new Set<number>()
      const ids = new Set([
        ...connection.awarenessIds,
        ...claiming,
        ...own.map((entry) => entry.clientId),
        ...unclaimed.map(({ entry }) => entry.clientId),
      ])
      if (ids.size > this.limits.maxAwarenessIdsPerConnection) throw new RefusedError(Refusals.tooManyPresenceIds)
      this.claimThenSubmit(connection, unclaimed)
    }
    if (own.length === 0) {
      if (unclaimed.length > 0) return
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

  /**
   * Ids no node here knows, claimed for the socket's person across nodes (in Redis) before
   * they are applied: an id someone else claimed first — on any node, also one whose socket is
   * gone — is a forgery, and the socket is closed as on one node. Claims resolve in the order
   * they were made, so the socket's presence keeps its order.
   */
  private claimThenSubmit(connection: Connection, unclaimed: { entry: AwarenessEntry; claim: Promise<string> }[]) {
    const me = connection.principal.userId
    const claiming = this.claiming.get(connection) ?? new Set<number>()
    this.claiming.set(connection, claiming)
    const ids = unclaimed.map(({ entry }) => entry.clientId)
    for (const id of ids) claiming.add(id)
    void Promise.all(unclaimed.map(({ claim }) => claim)).then((owners) => {
      for (const id of ids) claiming.delete(id)
      if (this.host.connections.get(connection.socket) !== connection) return
      const taken = owners.findIndex((owner) => owner !== me)
      if (taken !== -1) {
        this.host.refuse(connection, Refusals.malformed, {
          err: 'awareness update for an id another person claimed (on any node)',
          clientId: ids[taken],
        })
        return
      }
      for (const { entry } of unclaimed) this.remember(entry.clientId, me)
      connection.presence.submit(encodeEntries(unclaimed.map(({ entry }) => entry)))
    })
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
    const connection = connectionOf(origin, this.host.connections)
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
    this.records.unobserve(this.countKeys)
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  /**
   * The entries of an awareness update this socket may apply. Only a socket that owns an
   * awareness id may advance its clock. The stock client re-sends every state it receives
   * (same clock) and marks silent peers offline (same clock, null state), so entries for
   * another socket's id that are not newer are dropped quietly; a newer one from someone else
   * can only be a forgery and breaks the protocol.
   */
  private ownEntries(
    connection: Connection,
    update: Uint8Array,
  ): { own: AwarenessEntry[]; unclaimed: { entry: AwarenessEntry; claim: Promise<string> }[] } {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    const kept: AwarenessEntry[] = []
    const unclaimed: { entry: AwarenessEntry; claim: Promise<string> }[] = []
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state = this.asTokenSays(connection, decoding.readVarString(decoder))
      let owner: Connection | undefined
      for (const other of this.host.connections.values()) {
        if (other !== connection && other.awarenessIds.has(clientId)) {
          owner = other
          break
        }
      }
      // A socket on another node may own it too: then the same rules hold, by user.
      const remoteOwner = owner ? undefined : this.host.link.remoteOwner(clientId)
      if (remoteOwner !== undefined) this.remember(clientId, remoteOwner)
      const me = connection.principal.userId
      // Whoever first claimed the id here keeps it after their socket is gone: a reconnecting
      // client must find its id free, not squatted by someone who saw it in presence.
      const firstClaim = this.firstClaims.get(clientId)
      const ownerUser = owner ? owner.principal.userId : (remoteOwner ?? firstClaim)
      if (ownerUser === undefined) {
        // Nobody here knows the id. With other nodes, one of them may: the id is claimed
        // across nodes first (a departed person's id, owned on a node that is not this one).
        const claim = connection.awarenessIds.has(clientId) ? null : this.host.link.claimPresence(clientId, me)
        if (claim) unclaimed.push({ entry: { clientId, clock, state }, claim })
        else kept.push({ clientId, clock, state })
        continue
      }
      if (owner && ownerUser !== me && firstClaim === me) {
        // Someone else holds this person's id (it came to them through a path the first claim
        // did not see, such as another node): the person takes it back, the holder goes.
        owner.awarenessIds.delete(clientId)
        this.host.closeConnection(owner, CloseCode.malformed, 'awareness update for another connection')
        kept.push({ clientId, clock, state })
        continue
      }
      if (clock <= (this.awareness.meta.get(clientId)?.clock ?? 0)) continue
      if (ownerUser !== me) {
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
    return { own: kept, unclaimed }
  }

  /**
   * A presence state with the identity the room token gives: the `member` entry (*Här nu*: id,
   * name, role) and tldraw's presence record (`userId`, `userName`, shown at cursors) name the
   * socket's own person, whatever the client wrote. Returns the state, re-encoded if changed.
   */
  private asTokenSays(connection: Connection, state: string): string {
    const parsed: unknown = JSON.parse(state)
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return state
    const { userId, name, role, label = null } = connection.principal
    const fields = parsed as Record<string, unknown>
    let changed = false
    const correct = (field: string, wanted: Record<string, unknown>) => {
      const value = fields[field]
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return
      const current = value as Record<string, unknown>
      if (Object.entries(wanted).every(([key, want]) => current[key] === want)) return
      // (`selectedShapeIds` is a fresh array, so it always counts as a change.)
      fields[field] = { ...current, ...wanted }
      changed = true
    }
    correct('member', { id: userId, name, role, label })
    const presence = fields.presence as Record<string, unknown> | null | undefined
    if (typeof presence === 'object' && presence !== null) {
      // A selection names only records of this document: the ids of someone's private-round
      // notes (in their private document) never go out to the room.
      const selected = presence.selectedShapeIds
      if (Array.isArray(selected)) {
        const shared = selected.filter((id) => typeof id === 'string' && this.keys.has(id))
        if (shared.length !== selected.length) correct('presence', { selectedShapeIds: shared })
      }
      // tldraw's user ids are `user:<id>` (createUserId); a bare id is accepted as the same person.
      const ownUserId = presence.userId === userId ? userId : `user:${userId}`
      correct('presence', { userId: ownUserId, userName: name })
    }
    return changed ? JSON.stringify(fields) : state
  }

  private onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const connection = connectionOf(origin, this.host.connections)
    if (connection) {
      // A client that comes back with the id it had before shows up as `updated`, not `added`:
      // the awareness keeps a departed client's clock. It owns that id again all the same.
      for (const id of [...added, ...updated]) {
        connection.awarenessIds.add(id)
        this.remember(id, connection.principal.userId)
      }
      for (const id of removed) connection.awarenessIds.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    // Presence goes to everyone, the sender included: the stock client treats the echo of its
    // own state as a sign of life.
    for (const other of this.host.connections.values()) this.sendPresence(other, message)
  }
}

function keyOf(entry: unknown): string | null {
  const key = typeof entry === 'object' && entry !== null ? (entry as { key?: unknown }).key : undefined
  return typeof key === 'string' ? key : null
}
