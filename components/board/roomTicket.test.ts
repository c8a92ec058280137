import { describe, expect, it } from 'vitest'
import { createServerClock } from './roomTicket'

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
