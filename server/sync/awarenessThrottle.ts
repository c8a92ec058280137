/**
 * Presence from one socket, relayed at most `perSecond` times a second. Presence is fanned out
 * to everyone in the room, so a socket streaming cursor moves costs every other client too.
 * Updates that come faster wait and merge — the newest entry per awareness client id is kept —
 * and go out together when the socket's turn comes: what everyone ends up seeing is the same,
 * only the steps in between are skipped.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { TokenBucket } from './connectionLimits'

export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state as JSON, passed on unparsed. */
  state: string
}

export class AwarenessThrottle {
  private readonly bucket: TokenBucket
  private readonly held = new Map<number, AwarenessEntry>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    perSecond: number,
    /** Applies an awareness update (y-protocols encoding) to the room. */
    private readonly apply: (update: Uint8Array) => void,
  ) {
    // A second's worth may come at once: a client that was quiet can move without waiting.
    this.bucket = new TokenBucket(perSecond, Math.max(1, perSecond))
  }

  /** An awareness update this socket may send (its ownership already checked). */
  submit(update: Uint8Array): void {
    if (this.held.size === 0 && this.bucket.take()) {
      this.apply(update)
      return
    }
    for (const entry of decodeEntries(update)) {
      const previous = this.held.get(entry.clientId)
      if (!previous || entry.clock >= previous.clock) this.held.set(entry.clientId, entry)
    }
    this.schedule()
  }

  /** Drops what is held (the socket is gone). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.held.clear()
  }

  private schedule() {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      if (this.held.size === 0) return
      if (!this.bucket.take()) return this.schedule()
      const entries = [...this.held.values()]
      this.held.clear()
      this.apply(encodeEntries(entries))
    }, this.bucket.msUntil())
  }
}

export function decodeEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    entries.push({ clientId, clock, state: decoding.readVarString(decoder) })
  }
  return entries
}

export function encodeEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, state)
  }
  return encoding.toUint8Array(encoder)
}
