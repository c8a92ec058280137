/**
 * How the rooms of one board on different nodes hear each other. A room subscribes before it
 * loads its doc, publishes every update once the store has made it durable, and publishes the
 * presence of its own sockets; what other nodes publish reaches it through its
 * {@link FanoutListener}.
 *
 * The store stays the ground truth: a fanout may lose messages (an engine restarted, a node
 * could not publish), and then tells the room to catch up from the store instead. With one
 * node there is nobody to tell: {@link createLocalFanout}.
 */

/** What a room does with messages from other nodes. */
export interface FanoutListener {
  /** A durable update another node applied. */
  update(update: Uint8Array): void
  /**
   * A presence (awareness) update from another node. `owner` is the user id of the socket that
   * sent it there, or null when the node itself removed states (a socket left).
   */
  awareness(update: Uint8Array, owner: string | null): void
  /** Another node just loaded the room and asks for the presence of everyone here. */
  presenceWanted(): void
  /** Messages may have been missed: re-read the store and apply what the doc lacks. */
  catchUp(): void
}

export interface FanoutSubscription {
  /** Sends a durable update to the other nodes. Never throws; failures are the fanout's to repair. */
  publishUpdate(update: Uint8Array): void
  /** Sends presence to the other nodes, at most once (presence is renewed anyway). */
  publishAwareness(update: Uint8Array, owner: string | null): void
  /**
   * Claims an awareness client id of the room for `userId`, for every node: resolves with the
   * user it belongs to — `userId` if nobody had claimed it, else whoever did first. Without it
   * (one node) a room's own memory of first claims decides.
   */
  claimPresence?(clientId: number, userId: string): Promise<string>
  /** Stops delivering to the listener (the room unloaded). */
  unsubscribe(): void
}

export interface Fanout {
  /**
   * True when other nodes serve the same rooms over the same store: a room then re-reads the
   * store before it compacts, because other nodes append to its log too.
   */
  readonly shared: boolean
  /**
   * Starts delivering a room's messages from other nodes. Resolves once everything published
   * after the call will be delivered, so a room subscribes first and reads the store second.
   */
  subscribe(room: string, listener: FanoutListener): Promise<FanoutSubscription>
  /**
   * Forgets what the engine keeps of a board's rooms (its own and its private ones), for a
   * board that is purged. Rejects when the engine cannot be reached.
   */
  forgetBoard(boardId: string): Promise<void>
  /** Rejects when the engine cannot be reached (for health checks). */
  check(): Promise<void>
  close(): Promise<void>
}

const nothing: FanoutSubscription = {
  publishUpdate() {},
  publishAwareness() {},
  unsubscribe() {},
}

/** One node alone: nothing to send, nothing to hear. */
export function createLocalFanout(): Fanout {
  return {
    shared: false,
    subscribe: async () => nothing,
    forgetBoard: async () => {},
    check: async () => {},
    close: async () => {},
  }
}
