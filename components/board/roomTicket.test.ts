import { describe, expect, it } from 'vitest'
import { createServerClock, freshPageTicket, PAGE_TICKET_MAX_AGE_MS, type PageTicket } from './roomTicket'

describe('createServerClock', () => {
  it('reads this browser’s clock until it has heard the server’s', () => {
    let local = 1_000
    const clock = createServerClock(() => local)
    expect(clock.now()).toBe(1_000)
    local = 1_500
    expect(clock.now()).toBe(1_500)
  })

  it('takes the server to have read its clock half-way through the request', () => {
    let local = 10_000
    const clock = createServerClock(() => local)
    // Sent at 10,000, answered at 10,200 with the server's 60,100: the server is 50 s ahead.
    clock.observe(60_100, 10_000, 10_200)
    local = 10_200
    expect(clock.now()).toBe(60_200)
  })

  it('keeps one offset per clock: two boards’ clocks do not share one', () => {
    const a = createServerClock(() => 0)
    const b = createServerClock(() => 0)
    a.observe(5_000, 0, 0)
    expect(a.now()).toBe(5_000)
    expect(b.now()).toBe(0)
  })
})

describe('freshPageTicket', () => {
  const minted = 1_700_000_000_000
  const ticket: PageTicket = { token: 't', url: 'ws://x/sync', expiresAt: minted + 60_000, role: 'participant', serverTime: minted }

  it('hands on the page’s ticket while it is fresh', () => {
    expect(freshPageTicket(ticket, createServerClock(), minted + 800)).toBe(ticket)
    // A browser clock a little behind the server's is no reason to ask again.
    expect(freshPageTicket(ticket, createServerClock(), minted - 3_000)).toBe(ticket)
  })

  it('refuses a ticket from a page served long ago, or by a server whose clock this browser cannot match', () => {
    expect(freshPageTicket(ticket, createServerClock(), minted + PAGE_TICKET_MAX_AGE_MS + 1)).toBeNull()
    expect(freshPageTicket(ticket, createServerClock(), minted + 10 * 60_000)).toBeNull()
    expect(freshPageTicket(ticket, createServerClock(), minted - 10 * 60_000)).toBeNull()
  })

  it('refuses a ticket with too little life left to open a socket with', () => {
    const short = { ...ticket, expiresAt: minted + 12_000 }
    expect(freshPageTicket(short, createServerClock(), minted + 1_000)).toBe(short)
    expect(freshPageTicket(short, createServerClock(), minted + 8_000)).toBeNull()
  })

  it('is none when the page came without one (the copy kept for offline use)', () => {
    expect(freshPageTicket(null, createServerClock(), minted)).toBeNull()
  })
})
