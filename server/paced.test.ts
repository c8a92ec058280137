import { describe, expect, it } from 'vitest'
import { paced } from './paced'

describe('paced', () => {
  it('runs at most `concurrency` calls at once and answers each call with its own result', async () => {
    let running = 0
    let most = 0
    const lookup = paced(async (n: number) => {
      running++
      most = Math.max(most, running)
      await new Promise((resolve) => setTimeout(resolve, 5))
      running--
      return n * 2
    }, 2)
    const answers = await Promise.all(Array.from({ length: 9 }, (_, n) => lookup(n)))
    expect(answers).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16])
    expect(most).toBe(2)
  })

  it('lets other work of the event loop run between calls that answer at once', async () => {
    const order: string[] = []
    const lookup = paced(async (n: number) => {
      order.push(`lookup ${n}`)
      return n
    }, 1)
    const all = Promise.all([lookup(0), lookup(1), lookup(2)])
    // Queued behind the first lookup: a synchronous store's calls would otherwise all run first.
    setImmediate(() => order.push('other work'))
    await all
    expect(order.indexOf('other work')).toBeGreaterThan(-1)
    expect(order.indexOf('other work')).toBeLessThan(order.indexOf('lookup 2'))
  })

  it('passes on a failure, thrown or rejected, to its own caller only', async () => {
    const lookup = paced(async (n: number) => {
      if (n === 1) throw new Error('store away')
      return n
    }, 1)
    const syncThrow = paced((() => {
      throw new Error('at once')
    }) as () => Promise<number>, 1)
    const results = await Promise.allSettled([lookup(0), lookup(1), lookup(2), syncThrow()])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected'])
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('store away')
    expect((results[3] as PromiseRejectedResult).reason.message).toBe('at once')
  })
})
