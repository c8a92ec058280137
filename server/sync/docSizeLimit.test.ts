import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DocSizeLimit } from './docSizeLimit'

const KIB = 1024

function docWithText(bytes: number): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'x'.repeat(bytes))
  return doc
}

describe('DocSizeLimit', () => {
  it('admits updates while the document stays within the limit, and refuses one that would pass it', () => {
    const doc = docWithText(100 * KIB)
    const limit = new DocSizeLimit(doc, 256 * KIB, Y.encodeStateAsUpdate(doc).byteLength)
    expect(limit.admits(100 * KIB)).toBe(true)
    doc.getText('t').insert(0, 'y'.repeat(100 * KIB))
    expect(limit.admits(100 * KIB)).toBe(false)
    expect(limit.admits(10 * KIB)).toBe(true)
  })

  it('measures the document itself when the stored log overstates it (many edits of one value)', () => {
    const doc = new Y.Doc()
    const map = doc.getMap('m')
    let logBytes = 0
    doc.on('update', (update: Uint8Array) => (logBytes += update.byteLength))
    for (let i = 0; i < 200; i++) map.set('note', 'z'.repeat(2 * KIB))
    expect(logBytes).toBeGreaterThan(300 * KIB)
    const limit = new DocSizeLimit(doc, 256 * KIB, logBytes)
    expect(limit.admits(10 * KIB)).toBe(true)
    expect(limit.estimate).toBeLessThan(16 * KIB)
  })

  it('does not measure again for every small update once it is near the limit', () => {
    const doc = docWithText(250 * KIB)
    const limit = new DocSizeLimit(doc, 256 * KIB, Y.encodeStateAsUpdate(doc).byteLength)
    expect(limit.admits(10 * KIB)).toBe(false)
    const measured = limit.estimate
    // A deletion makes room, but a few bytes of growth since the last measurement are not
    // worth measuring the whole document again for: the estimate still says no.
    doc.getText('t').delete(0, 200 * KIB)
    expect(limit.admits(10 * KIB)).toBe(false)
    expect(limit.estimate).toBeGreaterThanOrEqual(measured)
  })

  it('measures again once enough has been added since the last measurement', () => {
    const doc = docWithText(100 * KIB)
    const limit = new DocSizeLimit(doc, 256 * KIB, 300 * KIB)
    expect(limit.admits(10 * KIB)).toBe(true)
    const text = doc.getText('t')
    text.insert(0, 'y'.repeat(100 * KIB))
    text.delete(0, 100 * KIB)
    text.insert(0, 'w'.repeat(70 * KIB))
    // The estimate counts all of it as growth; measuring shows the room that is left.
    expect(limit.estimate + 10 * KIB).toBeGreaterThan(256 * KIB)
    expect(limit.admits(10 * KIB)).toBe(true)
  })
})
