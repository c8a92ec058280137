import { describe, expect, it } from 'vitest'
import { CANVAS_WAIT_MS, IDLE_WAIT_MS, afterOpening, type OpeningScheduler } from './keepForOffline'

/** A scheduler whose timers and idle moments the test fires by hand. */
function manualScheduler() {
  const timers: { ms: number; run: () => void; cancelled: boolean }[] = []
  const idle: { timeoutMs: number; run: () => void; cancelled: boolean }[] = []
  const scheduler: OpeningScheduler = {
    after(ms, run) {
      const entry = { ms, run, cancelled: false }
      timers.push(entry)
      return () => (entry.cancelled = true)
    },
    whenIdle(timeoutMs, run) {
      const entry = { timeoutMs, run, cancelled: false }
      idle.push(entry)
      return () => (entry.cancelled = true)
    },
  }
  const fire = (entries: { run: () => void; cancelled: boolean }[]) => {
    for (const entry of entries.splice(0)) if (!entry.cancelled) entry.run()
  }
  return { scheduler, timers, idle, fireTimers: () => fire(timers), fireIdle: () => fire(idle) }
}

describe('afterOpening', () => {
  it('once the canvas is up, runs the work at the next idle moment and not before', () => {
    const clock = manualScheduler()
    let runs = 0
    afterOpening(true, () => runs++, clock.scheduler)
    expect(runs).toBe(0)
    expect(clock.idle.map((entry) => entry.timeoutMs)).toEqual([IDLE_WAIT_MS])
    clock.fireIdle()
    expect(runs).toBe(1)
  })

  it('when the canvas never comes up, runs the work anyway after the wait, at an idle moment', () => {
    const clock = manualScheduler()
    let runs = 0
    afterOpening(false, () => runs++, clock.scheduler)
    clock.fireIdle()
    expect(runs).toBe(0)
    expect(clock.timers.map((entry) => entry.ms)).toEqual([CANVAS_WAIT_MS])
    clock.fireTimers()
    expect(runs).toBe(0)
    clock.fireIdle()
    expect(runs).toBe(1)
  })

  it('cancelled (the canvas came up, or the page left), never runs the work', () => {
    const clock = manualScheduler()
    let runs = 0
    afterOpening(false, () => runs++, clock.scheduler)()
    const cancelIdle = afterOpening(true, () => runs++, clock.scheduler)
    cancelIdle()
    clock.fireTimers()
    clock.fireIdle()
    expect(runs).toBe(0)
  })
})
