import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AwarenessThrottle, decodeEntries } from './awarenessThrottle'

function awarenessUpdate(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, JSON.stringify(state))
  }
  return encoding.toUint8Array(encoder)
}

const cursorAt = (clientId: number, clock: number) => awarenessUpdate([{ clientId, clock, state: { cursor: clock } }])

describe('AwarenessThrottle', () => {
  let applied: { clientId: number; clock: number; state: string }[][]
  let throttle: AwarenessThrottle

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    applied = []
    throttle = new AwarenessThrottle(5, (update) => applied.push(decodeEntries(update)))
  })

  afterEach(() => {
    throttle.stop()
    vi.useRealTimers()
  })

  it('passes updates straight through while the socket stays within its rate', () => {
    for (let clock = 1; clock <= 5; clock++) throttle.submit(cursorAt(7, clock))
    expect(applied.map((entries) => entries[0].clock)).toEqual([1, 2, 3, 4, 5])
  })

  it('merges a stream of updates beyond the rate and relays the newest when the socket’s turn comes', () => {
    for (let clock = 1; clock <= 50; clock++) throttle.submit(cursorAt(7, clock))
    expect(applied).toHaveLength(5)
    vi.advanceTimersByTime(200)
    expect(applied).toHaveLength(6)
    expect(applied[5]).toEqual([{ clientId: 7, clock: 50, state: JSON.stringify({ cursor: 50 }) }])
    vi.advanceTimersByTime(10_000)
    expect(applied).toHaveLength(6)
  })

  it('keeps the newest entry of each client id when it merges', () => {
    for (let clock = 1; clock <= 5; clock++) throttle.submit(cursorAt(7, clock))
    throttle.submit(
      awarenessUpdate([
        { clientId: 7, clock: 9, state: 'a' },
        { clientId: 8, clock: 3, state: 'b' },
      ]),
    )
    throttle.submit(awarenessUpdate([{ clientId: 8, clock: 2, state: 'old' }]))
    throttle.submit(awarenessUpdate([{ clientId: 7, clock: 10, state: null }]))
    vi.advanceTimersByTime(200)
    expect(applied.at(-1)).toEqual([
      { clientId: 7, clock: 10, state: 'null' },
      { clientId: 8, clock: 3, state: '"b"' },
    ])
  })

  it('relays at most its rate over time, however fast updates come', () => {
    let clock = 0
    for (let ms = 0; ms < 10_000; ms += 10) {
      throttle.submit(cursorAt(7, ++clock))
      vi.advanceTimersByTime(10)
    }
    vi.advanceTimersByTime(1000)
    // Five a second for ten seconds, the first second's burst and the last held update.
    expect(applied.length).toBeLessThanOrEqual(5 * 10 + 5 + 1)
    expect(applied.at(-1)![0].clock).toBe(clock)
  })

  it('drops what it holds when stopped', () => {
    for (let clock = 1; clock <= 10; clock++) throttle.submit(cursorAt(7, clock))
    throttle.stop()
    vi.advanceTimersByTime(1000)
    expect(applied).toHaveLength(5)
  })
})
