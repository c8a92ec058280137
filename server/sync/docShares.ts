/**
 * Each person's, and each invite link's, share of a room's document. Without it one member
 * with a few sockets, each inside its own rate, fills the document to its limit in a minute
 * and everyone's edits are refused from then on.
 *
 * A share is what the records someone wrote take now, not what they sent: a note moved a
 * thousand times replaces its own entry each time and costs what one entry costs. Each record
 * entry a client adds is charged to its writer (its size as JSON, which the content check has
 * kept shallow); when the entry is replaced or deleted — by anyone — the charge goes back. So
 * deleting notes frees a share, and a facilitator cleaning up frees everyone's.
 *
 * Shares are counted while the room is loaded (it stays loaded while anyone is connected);
 * what the store held before is nobody's share, so the room's total limit
 * (./docSizeLimit.ts) still bounds it.
 */
import type * as Y from 'yjs'
import { recordsArray } from '../../lib/board/docLayout'

export interface DocShareLimits {
  /** Bytes of live records one person may have written into one document. */
  maxDocBytesPerPerson: number
  /** Bytes of live records all guests of one invite link together may have written. */
  maxDocBytesPerInvite: number
}

/** Who an update is charged to: the person, and the invite link they came through, if any. */
export interface ShareHolder {
  userId: string
  inviteId: string | null
}

interface Charge {
  keys: string[]
  bytes: number
}

export class DocShares {
  private readonly charges = new WeakMap<object, Charge>()
  private readonly used = new Map<string, number>()
  private readonly records: Y.Array<unknown>

  constructor(
    doc: Y.Doc,
    private readonly limits: DocShareLimits,
    /** The holder a transaction's origin is charged to, or null (the server, the store). */
    private readonly holderOf: (origin: unknown) => ShareHolder | null,
  ) {
    this.records = recordsArray(doc) as unknown as Y.Array<unknown>
    this.records.observe(this.observer)
  }

  private observer = (event: Y.YArrayEvent<unknown>, transaction: Y.Transaction) => {
    /** Whose entries the change replaced, by record key. */
    const replaced = new Map<string, string[]>()
    for (const item of event.changes.deleted) {
      for (const entry of item.content.getContent()) {
        const keys = this.refund(entry)
        const key = recordKeyOf(entry)
        if (keys && key !== null) replaced.set(key, keys)
      }
    }
    const holder = this.holderOf(transaction.origin)
    for (const item of event.changes.added) {
      if (item.deleted) continue
      for (const entry of item.content.getContent()) {
        if (typeof entry !== 'object' || entry === null) continue
        // A client's entry is its writer's; one the server rewrites (the layout keeper moving a
        // note, a reveal) stays with whoever's entry it replaces, so it frees no share.
        const recordKey = recordKeyOf(entry)
        const keys = holder ? keysOf(holder) : recordKey !== null ? replaced.get(recordKey) : undefined
        if (!keys) continue
        const bytes = JSON.stringify(entry).length
        this.charges.set(entry, { keys, bytes })
        for (const key of keys) this.used.set(key, (this.used.get(key) ?? 0) + bytes)
      }
    }
  }

  /** Gives back what `entry` was charged; returns to whom, if anyone. */
  private refund(entry: unknown): string[] | null {
    if (typeof entry !== 'object' || entry === null) return null
    const charge = this.charges.get(entry)
    if (!charge) return null
    this.charges.delete(entry)
    for (const key of charge.keys) {
      const left = (this.used.get(key) ?? 0) - charge.bytes
      if (left > 0) this.used.set(key, left)
      else this.used.delete(key)
    }
    return charge.keys
  }

  /** Bytes of live records charged to this person (and, for a guest, to their link). */
  usedBy(holder: ShareHolder): { person: number; invite: number | null } {
    return {
      person: this.used.get(personKey(holder.userId)) ?? 0,
      invite: holder.inviteId === null ? null : (this.used.get(inviteKey(holder.inviteId)) ?? 0),
    }
  }

  /**
   * Whether `holder` may apply an update of `bytes`: the update's size stands in for what it
   * adds (an update only deleting is small). A holder at their limit can still delete.
   */
  admits(holder: ShareHolder, bytes: number): boolean {
    const { person, invite } = this.usedBy(holder)
    if (person + bytes > this.limits.maxDocBytesPerPerson) return false
    return invite === null || invite + bytes <= this.limits.maxDocBytesPerInvite
  }

  detach(): void {
    this.records.unobserve(this.observer)
  }
}

const personKey = (userId: string) => `person:${userId}`
const inviteKey = (inviteId: string) => `invite:${inviteId}`

function recordKeyOf(entry: unknown): string | null {
  const key = typeof entry === 'object' && entry !== null ? (entry as { key?: unknown }).key : undefined
  return typeof key === 'string' ? key : null
}

function keysOf(holder: ShareHolder): string[] {
  return holder.inviteId === null ? [personKey(holder.userId)] : [personKey(holder.userId), inviteKey(holder.inviteId)]
}
