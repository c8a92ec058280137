/**
 * How much unsent data the server holds for one person, and for one invite link's guests,
 * across all their sockets. A socket that stops reading keeps what was sent to it queued in
 * this process; the per-socket bound alone lets one person (or one link, which mints as many
 * guests as asked) multiply it by every socket they open — 40 sockets each asking for a 16 MiB
 * board once grew the server by 600 MiB. Each send is judged by what is queued plus what it is
 * about to queue.
 */
import type { WebSocket } from 'ws'

export interface SendQueueLimits {
  /** Unsent bytes one socket may have queued; a single message into an empty queue always fits. */
  maxBufferedBytes: number
  /** Unsent bytes all of one person's sockets may have queued together. */
  maxBufferedBytesPerPerson: number
  /** Unsent bytes all sockets of one invite link's guests may have queued together. */
  maxBufferedBytesPerInvite: number
}

export interface QueueHolder {
  userId: string
  inviteId?: string | null
}

export type QueueRefusal = 'socket' | 'person' | 'invite'

export class SendQueues {
  private readonly byPerson = new Map<string, Set<WebSocket>>()
  private readonly byInvite = new Map<string, Set<WebSocket>>()

  constructor(private readonly limits: SendQueueLimits) {}

  add(socket: WebSocket, holder: QueueHolder): void {
    join(this.byPerson, holder.userId, socket)
    if (holder.inviteId) join(this.byInvite, holder.inviteId, socket)
  }

  remove(socket: WebSocket, holder: QueueHolder): void {
    leave(this.byPerson, holder.userId, socket)
    if (holder.inviteId) leave(this.byInvite, holder.inviteId, socket)
  }

  /** Sockets open through one invite link (on this node). */
  socketsOfInvite(inviteId: string): number {
    return this.byInvite.get(inviteId)?.size ?? 0
  }

  /**
   * Which bound sending `bytes` to `socket` would pass, or null when it may be sent. A message
   * into queues that are empty always goes, so one larger than a bound (a whole large board)
   * can still reach one socket at a time.
   */
  refuses(socket: WebSocket, holder: QueueHolder, bytes: number): QueueRefusal | null {
    const passes = (queuedNow: number, limit: number) => queuedNow > 0 && queuedNow + bytes > limit
    if (passes(socket.bufferedAmount, this.limits.maxBufferedBytes)) return 'socket'
    if (passes(queued(this.byPerson.get(holder.userId)), this.limits.maxBufferedBytesPerPerson)) return 'person'
    if (holder.inviteId && passes(queued(this.byInvite.get(holder.inviteId)), this.limits.maxBufferedBytesPerInvite)) return 'invite'
    return null
  }
}

function queued(sockets: Set<WebSocket> | undefined): number {
  let total = 0
  for (const socket of sockets ?? []) total += socket.bufferedAmount
  return total
}

function join(map: Map<string, Set<WebSocket>>, key: string, socket: WebSocket) {
  let sockets = map.get(key)
  if (!sockets) map.set(key, (sockets = new Set()))
  sockets.add(socket)
}

function leave(map: Map<string, Set<WebSocket>>, key: string, socket: WebSocket) {
  const sockets = map.get(key)
  if (!sockets) return
  sockets.delete(socket)
  if (sockets.size === 0) map.delete(key)
}
