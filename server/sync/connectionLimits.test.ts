import { describe, expect, it } from 'vitest'
import { DEFAULT_SYNC_LIMITS, InboundRate, Refusals, TokenBucket } from './connectionLimits'

/** A clock the test moves by hand. */
function manualClock() {
  let now = 0
  return { now: () => now, advance: (ms: number) => (now += ms) }
}

describe('TokenBucket', () => {
  it('lets a full bucket’s worth through at once, then nothing until it refills', () => {
    const clock = manualClock()
    const bucket = new TokenBucket(10, 20, clock.now)
    for (let i = 0; i < 20; i++) expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
    clock.advance(100)
    expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
  })

  it('never holds more than its capacity, however long it rests', () => {
    const clock = manualClock()
    const bucket = new TokenBucket(10, 5, clock.now)
    clock.advance(60_000)
    expect(bucket.take(5)).toBe(true)
    expect(bucket.take(1)).toBe(false)
  })

  it('takes nothing when asked for more than it has', () => {
    const clock = manualClock()
    const bucket = new TokenBucket(100, 100, clock.now)
    expect(bucket.take(60)).toBe(true)
    expect(bucket.take(60)).toBe(false)
    expect(bucket.take(40)).toBe(true)
  })

  it('tells how long until enough tokens are there', () => {
    const clock = manualClock()
    const bucket = new TokenBucket(4, 4, clock.now)
    expect(bucket.msUntil(1)).toBe(0)
    bucket.take(4)
    expect(bucket.msUntil(1)).toBe(250)
    clock.advance(100)
    expect(bucket.msUntil(2)).toBe(400)
  })
})

describe('InboundRate', () => {
  const limits = { ...DEFAULT_SYNC_LIMITS, messagesPerSecond: 10, bytesPerSecond: 4096, maxMessageBytes: 1024 }

  it('admits a burst of twice the message rate, then refuses for message rate', () => {
    const clock = manualClock()
    const rate = new InboundRate(limits, clock.now)
    for (let i = 0; i < 20; i++) expect(rate.admit(1)).toBeNull()
    expect(rate.admit(1)).toBe(Refusals.messageRate)
  })

  it('refuses for byte rate when the bytes run out before the messages', () => {
    const clock = manualClock()
    const rate = new InboundRate(limits, clock.now)
    for (let i = 0; i < 8; i++) expect(rate.admit(1024)).toBeNull()
    expect(rate.admit(1024)).toBe(Refusals.byteRate)
  })

  it('sustains the configured rates indefinitely', () => {
    const clock = manualClock()
    const rate = new InboundRate(limits, clock.now)
    for (let second = 0; second < 30; second++) {
      for (let i = 0; i < 10; i++) expect(rate.admit(400)).toBeNull()
      clock.advance(1000)
    }
  })

  it('does not count a presence echo of what the server sent, as far as it sent', () => {
    const clock = manualClock()
    const rate = new InboundRate(limits, clock.now)
    for (let i = 0; i < 15; i++) rate.expectEcho(30)
    for (let i = 0; i < 15; i++) {
      expect(rate.admit(30)).toBeNull()
      rate.refundEcho(30)
    }
    // Nothing more was sent to echo: further "echoes" count, and the burst runs out.
    for (let i = 0; i < 20; i++) {
      expect(rate.admit(30)).toBeNull()
      rate.refundEcho(30)
    }
    expect(rate.admit(30)).toBe(Refusals.messageRate)
  })

  it('keeps no more echo allowance than one burst, however much presence it was sent', () => {
    const clock = manualClock()
    const rate = new InboundRate(limits, clock.now)
    for (let i = 0; i < 10_000; i++) rate.expectEcho(10)
    let admitted = 0
    while (rate.admit(10) === null) {
      rate.refundEcho(10)
      admitted++
    }
    expect(admitted).toBe(20 + 20)
  })

  it('always has room for two full-size frames, even when the byte rate is lower', () => {
    const clock = manualClock()
    const rate = new InboundRate({ ...limits, bytesPerSecond: 1024, maxMessageBytes: 64 * 1024 }, clock.now)
    expect(rate.admit(64 * 1024)).toBeNull()
    expect(rate.admit(64 * 1024)).toBeNull()
    expect(rate.admit(1)).toBe(Refusals.byteRate)
  })
})
