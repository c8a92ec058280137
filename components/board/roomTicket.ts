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

/** The first room ticket, minted by the board page itself and handed to it with its props. */
export type PageTicket = RoomTicket & { serverTime: number }

/**
 * How recent the page's ticket must be, by this browser's clock, to be used: a page shown
 * again from a cache (the router's back/forward cache, bfcache) carries an old one, and a
 * browser whose clock is far off cannot tell; both ask the token route as before.
 */
export const PAGE_TICKET_MAX_AGE_MS = 15_000
/** And how much of its life must remain, so the socket opens well before it expires. */
export const PAGE_TICKET_MIN_LEFT_MS = 5_000

/** The first page ticket this document saw: the one that came with its own load, if any. */
let loadTicket: string | null = null

/**
 * The page's ticket when it is still fresh, else null (the caller fetches one). When it came
 * with this very page load (not a client-side navigation), the clock learns from it as from a
 * fetched one: the server read its time between the request for the page and its arrival.
 * After a client-side navigation that window is unknown; the clock then learns at the first
 * renewal, half a token's life later.
 */
export function freshPageTicket(ticket: PageTicket | null | undefined, clock: ServerClock, now = Date.now()): RoomTicket | null {
  if (!ticket) return null
  loadTicket ??= ticket.token
  if (Math.abs(now - ticket.serverTime) > PAGE_TICKET_MAX_AGE_MS) return null
  if (ticket.expiresAt - ticket.serverTime - Math.max(0, now - ticket.serverTime) < PAGE_TICKET_MIN_LEFT_MS) return null
  const load = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
  if (ticket.token === loadTicket && load && load.responseEnd > 0 && new URL(load.name).pathname === location.pathname) {
    clock.observe(ticket.serverTime, performance.timeOrigin + load.requestStart, performance.timeOrigin + load.responseEnd)
  }
  return ticket
}
