import { TicketError, type RoomTicket } from '@/lib/sync/connectBoard'

/**
 * The server's clock as this browser sees it. The shared timer counts to an end time the
 * server set, so every screen reaches zero together whatever its own clock says (TimerBadge);
 * each room ticket carries the server's time, which teaches the clock its offset.
 */
export interface ServerClock {
  /** The server's time now, in ms since the epoch. */
  now(): number
  /** Learns the offset from a server time read between `sentAt` and `receivedAt` (this browser's times). */
  observe(serverTime: number, sentAt: number, receivedAt: number): void
}

export function createServerClock(localNow: () => number = Date.now): ServerClock {
  // Server time minus this browser's; the server is taken to have read its clock half-way.
  let offsetMs = 0
  return {
    now: () => localNow() + offsetMs,
    observe(serverTime, sentAt, receivedAt) {
      offsetMs = serverTime - (sentAt + receivedAt) / 2
    },
  }
}

/**
 * A room ticket for the board (`POST /api/boards/<id>/token`): the token that admits to the
 * board's documents, the role it was minted for, and the server's time, which `clock` learns.
 */
export async function fetchTicket(boardId: string, clock: ServerClock): Promise<RoomTicket> {
  const sent = Date.now()
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/token`, { method: 'POST' })
  if (!response.ok) throw new TicketError(response.status)
  const ticket = (await response.json()) as RoomTicket & { serverTime?: number }
  if (typeof ticket.serverTime === 'number') clock.observe(ticket.serverTime, sent, Date.now())
  return ticket
}
