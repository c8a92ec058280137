/**
 * What one socket may cost the server: how fast it may send, how much the room's document may
 * grow, how often its presence is relayed. Every limit has a default fit for a workshop and is
 * configurable through lib/env.ts.
 */
import { CloseCode } from './protocol'

export interface SyncLimits {
  /** Largest frame accepted, in bytes (larger ones are closed with 1009 by the socket itself). */
  maxMessageBytes: number
  /** Average messages per second one socket may send; bursts of twice that pass. */
  messagesPerSecond: number
  /** Average bytes per second one socket may send; a burst may reach two seconds' worth or two full-size frames. */
  bytesPerSecond: number
  /** Largest a room's document may grow to, in bytes (as `Y.encodeStateAsUpdate` writes it). */
  maxDocBytes: number
  /** Bytes of live records one person may have written into one document (./docShares.ts). */
  maxDocBytesPerPerson: number
  /** Bytes of live records the guests of one invite link may together have written. */
  maxDocBytesPerInvite: number
  /** Sockets one room admits at once. */
  maxConnectionsPerRoom: number
  /** Sockets one person (user or guest) may hold in one room at once: tabs and devices. */
  maxConnectionsPerPerson: number
  /** Presence changes relayed per socket per second; faster ones are merged, the latest kept. */
  awarenessPerSecond: number
  /** Awareness client ids one socket may speak for (the stock client uses one per document). */
  maxAwarenessIdsPerConnection: number
  /** Unsent bytes a socket may have queued before it is closed as a stalled reader. */
  maxBufferedBytes: number
  /** Unsent bytes all of one person's sockets may have queued together. */
  maxBufferedBytesPerPerson: number
  /** Unsent bytes all sockets of one invite link's guests may have queued together. */
  maxBufferedBytesPerInvite: number
  /** Sockets one invite link's guests may hold together in one room. */
  maxConnectionsPerInvite: number
  /** From which fullness of `maxDocBytes` (percent) a board's facilitators are warned (./docFill.ts). */
  docWarnPercent: number
  /** Near the limit, how often a document that only shrank may be measured again (./docFill.ts). */
  docRemeasureMs: number
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxMessageBytes: 1024 * 1024,
  messagesPerSecond: 200,
  bytesPerSecond: 1024 * 1024,
  maxDocBytes: 32 * 1024 * 1024,
  maxDocBytesPerPerson: 4 * 1024 * 1024,
  maxDocBytesPerInvite: 12 * 1024 * 1024,
  maxConnectionsPerRoom: 1000,
  maxConnectionsPerPerson: 20,
  awarenessPerSecond: 30,
  maxAwarenessIdsPerConnection: 8,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxBufferedBytesPerPerson: 32 * 1024 * 1024,
  maxBufferedBytesPerInvite: 64 * 1024 * 1024,
  maxConnectionsPerInvite: 100,
  docWarnPercent: 80,
  docRemeasureMs: 10_000,
}

/**
 * Requests for document state (sync step 1) per socket: a client asks once when it connects
 * (the stock provider may re-ask on a resync interval); each answer may be the whole document.
 */
export const STATE_REQUESTS_PER_SECOND = 0.2
export const STATE_REQUEST_BURST = 5

/** Why a socket is closed, with the code it is closed with; `reason` also labels the metric. */
export interface Refusal {
  code: number
  reason: string
}

export const Refusals = {
  messageRate: { code: CloseCode.rateLimited, reason: 'message rate' },
  byteRate: { code: CloseCode.rateLimited, reason: 'byte rate' },
  roomFull: { code: CloseCode.rateLimited, reason: 'room full' },
  personFull: { code: CloseCode.rateLimited, reason: 'too many connections' },
  docTooLarge: { code: CloseCode.docTooLarge, reason: 'document too large' },
  shareFull: { code: CloseCode.docTooLarge, reason: 'share of the document used up' },
  tooManyPresenceIds: { code: CloseCode.policy, reason: 'too many presence ids' },
  unknownDependencies: { code: CloseCode.malformed, reason: 'update depends on changes the server lacks' },
  malformed: { code: CloseCode.malformed, reason: 'malformed message' },
  refusedContent: { code: CloseCode.malformed, reason: 'content not allowed' },
  invalidRecord: { code: CloseCode.malformed, reason: 'invalid record' },
  textFrame: { code: CloseCode.malformed, reason: 'binary messages only' },
  messageTooBig: { code: CloseCode.messageTooBig, reason: 'message too large' },
  slowConsumer: { code: CloseCode.tryAgainLater, reason: 'too slow' },
  stateRequestRate: { code: CloseCode.rateLimited, reason: 'state request rate' },
  inviteFull: { code: CloseCode.rateLimited, reason: 'too many connections through one invite link' },
} as const satisfies Record<string, Refusal>

/** Thrown while a message is handled to close its socket with this refusal. */
export class RefusedError extends Error {
  constructor(
    readonly refusal: Refusal,
    /** What the log line should say about it. */
    readonly details: object = {},
  ) {
    super(refusal.reason)
    this.name = 'RefusedError'
  }
}

/**
 * A token bucket: `capacity` tokens, refilled at `perSecond`. Taking more than there are
 * fails and takes nothing.
 */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    readonly perSecond: number,
    readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity
    this.last = now()
  }

  private refill() {
    const at = this.now()
    this.tokens = Math.min(this.capacity, this.tokens + ((at - this.last) / 1000) * this.perSecond)
    this.last = at
  }

  take(count = 1): boolean {
    this.refill()
    if (this.tokens < count) return false
    this.tokens -= count
    return true
  }

  /** Puts back tokens taken for something that turned out to cost nothing. */
  give(count = 1): void {
    this.refill()
    this.tokens = Math.min(this.capacity, this.tokens + count)
  }

  /** Milliseconds until `count` tokens are there (0 when they are now). */
  msUntil(count = 1): number {
    this.refill()
    return this.tokens >= count ? 0 : Math.ceil(((count - this.tokens) / this.perSecond) * 1000)
  }
}

/** One socket's inbound rate: messages and bytes, each its own bucket. */
export class InboundRate {
  private readonly messages: TokenBucket
  private readonly bytes: TokenBucket
  /** Presence messages (and their bytes) the server sent that may come back as echoes. */
  private echoes = 0
  private echoBytes = 0
  private readonly echoCap: { messages: number; bytes: number }

  constructor(limits: SyncLimits, now?: () => number) {
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2, now)
    // Room for two full-size frames, so a client re-sending a large offline diff is not refused.
    const byteCapacity = Math.max(limits.bytesPerSecond * 2, limits.maxMessageBytes * 2)
    this.bytes = new TokenBucket(limits.bytesPerSecond, byteCapacity, now)
    // Unused echo allowance does not pile up beyond one burst's worth.
    this.echoCap = { messages: limits.messagesPerSecond * 2, bytes: byteCapacity }
  }

  /** Counts one message of `bytes`; the refusal when it is one too many. */
  admit(bytes: number): Refusal | null {
    if (!this.messages.take(1)) return Refusals.messageRate
    if (!this.bytes.take(bytes)) return Refusals.byteRate
    return null
  }

  /**
   * The server sent this socket a presence message. The stock provider sends every presence
   * update it receives straight back (an echo, which changes nothing and is dropped), so it
   * may send one message of about that size back without it counting against its rate.
   */
  expectEcho(bytes: number): void {
    this.echoes = Math.min(this.echoes + 1, this.echoCap.messages)
    this.echoBytes = Math.min(this.echoBytes + bytes, this.echoCap.bytes)
  }

  /**
   * Un-counts an admitted presence message that changed nothing, as far as the server has
   * sent this socket presence to echo. Beyond that — a socket sending "echoes" of what it was
   * never sent — such messages count like any other, so they cannot flood the server for free.
   */
  refundEcho(bytes: number): void {
    if (this.echoes < 1) return
    const refunded = Math.min(bytes, this.echoBytes)
    this.echoes -= 1
    this.echoBytes -= refunded
    this.messages.give(1)
    this.bytes.give(refunded)
  }
}
