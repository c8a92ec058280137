import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { recordsArray } from '../../lib/board/docLayout'
import { readSession, writeSession } from '../../lib/board/session'
import { DocFillWatch, fillBand } from './docFill'
import { DocSizeLimit } from './docSizeLimit'

const MAX = 100 * 1024
const stops: (() => void)[] = []
afterEach(() => stops.splice(0).forEach((stop) => stop()))

function watched() {
  const doc = new Y.Doc()
  const size = new DocSizeLimit(doc, MAX, 0)
  let now = 1_000
  const writes: (number | null)[] = []
  const watch = new DocFillWatch(doc, size, { warnPercent: 80, remeasureEveryMs: 10_000, now: () => now }, (fill) => {
    writes.push(fill?.percent ?? null)
    doc.transact(() => writeSession(doc, { docFill: fill }))
  })
  stops.push(
    () => watch.stop(),
    () => size.detach(),
  )
  /** Appends entries of about `bytes` until the document measures at least `percent` full. */
  const fillTo = (percent: number) => {
    while (Y.encodeStateAsUpdate(doc).byteLength * 100 < MAX * percent) {
      recordsArray(doc).push([{ key: `k${recordsArray(doc).length}`, val: { text: 'x'.repeat(1000) } } as never])
    }
  }
  return { doc, watch, writes, fillTo, advance: (ms: number) => (now += ms) }
}

describe('DocFillWatch', () => {
  it('bands fullness by fives from the threshold', () => {
    expect(fillBand(79, 80)).toBeNull()
    expect(fillBand(80, 80)).toBe(80)
    expect(fillBand(84, 80)).toBe(80)
    expect(fillBand(97, 80)).toBe(95)
    expect(fillBand(100, 80)).toBe(100)
  })

  it('says nothing below the threshold, then writes how full the document is once per band', () => {
    const { doc, watch, writes, fillTo } = watched()
    fillTo(70)
    watch.check()
    expect(writes).toEqual([])
    fillTo(81)
    watch.check()
    watch.check()
    expect(writes).toHaveLength(1)
    expect(writes[0]).toBeGreaterThanOrEqual(80)
    expect(readSession(doc).docFill?.percent).toBe(writes[0])
    fillTo(91)
    watch.check()
    expect(writes).toHaveLength(2)
    expect(writes[1]).toBeGreaterThanOrEqual(90)
  })

  it('clears the warning once deletions bring the document under the threshold, measured at most every interval', () => {
    const { doc, watch, writes, fillTo, advance } = watched()
    fillTo(85)
    watch.check()
    expect(writes).toHaveLength(1)
    recordsArray(doc).delete(0, Math.floor(recordsArray(doc).length / 2))
    // Deletions only make the estimate grow; the document is measured again after the interval.
    watch.check()
    expect(writes).toHaveLength(1)
    advance(10_000)
    watch.check()
    expect(writes).toEqual([writes[0], null])
    expect(readSession(doc).docFill).toBeNull()
  })
})
