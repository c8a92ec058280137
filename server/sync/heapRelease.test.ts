import { afterEach, describe, expect, it } from 'vitest'
import { createHeapRelease, fullCollection, type HeapRelease } from './heapRelease'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const releases: HeapRelease[] = []
afterEach(() => {
  for (const release of releases.splice(0)) release.stop()
})

function counted(options: { delayMs: number; minIntervalMs: number }) {
  const calls: number[] = []
  const release = createHeapRelease({ ...options, collect: () => calls.push(Date.now()) })
  releases.push(release)
  return { release, calls }
}

describe('heap release after rooms unload', () => {
  it('collects once things have stayed quiet, not at each unload', async () => {
    const { release, calls } = counted({ delayMs: 200, minIntervalMs: 0 })
    // Five rooms unloading 10 ms apart: one collection, 200 ms after the last.
    for (let n = 0; n < 5; n++) {
      release.roomUnloaded()
      await sleep(10)
    }
    expect(calls).toHaveLength(0)
    await sleep(500)
    expect(calls).toHaveLength(1)
  })

  it('waits for the next unload when a room loads in the meantime', async () => {
    const { release, calls } = counted({ delayMs: 200, minIntervalMs: 0 })
    release.roomUnloaded()
    await sleep(10)
    release.roomLoaded()
    await sleep(400)
    expect(calls).toHaveLength(0)
    release.roomUnloaded()
    await sleep(500)
    expect(calls).toHaveLength(1)
  })

  it('collects at most once per interval, the later one when the interval is over', async () => {
    const { release, calls } = counted({ delayMs: 20, minIntervalMs: 800 })
    release.roomUnloaded()
    await sleep(300)
    expect(calls).toHaveLength(1)
    release.roomUnloaded()
    await sleep(100)
    expect(calls).toHaveLength(1)
    await sleep(900)
    expect(calls).toHaveLength(2)
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(790)
  })

  it('has a real full collection to run, which hands back the pages garbage grew the heap into', () => {
    const collect = fullCollection()
    expect(collect).toBeTypeOf('function')
    let garbage: unknown[] | null = Array.from({ length: 1_000_000 }, (_, i) => ({ i, text: `idé ${i}` }))
    const grown = process.memoryUsage().heapTotal
    expect(garbage.length).toBe(1_000_000)
    garbage = null
    collect!()
    expect(process.memoryUsage().heapTotal).toBeLessThan(grown - 32 * 2 ** 20)
  })

  it('tells what a collection did', async () => {
    const told: { rssBeforeMiB: number; rssAfterMiB: number; ms: number }[] = []
    const release = createHeapRelease({
      delayMs: 5,
      minIntervalMs: 0,
      collect: () => undefined,
      onCollected: (result) => told.push(result),
    })
    releases.push(release)
    release.roomUnloaded()
    await sleep(40)
    expect(told).toHaveLength(1)
    expect(told[0].rssBeforeMiB).toBeGreaterThan(10)
    expect(told[0].ms).toBeGreaterThanOrEqual(0)
  })
})
