/**
 * The stored log does not grow with the number of edits: after thousands of edits the store
 * holds about the document's own size (`Y.encodeStateAsUpdate`) plus at most one compaction
 * interval of updates, and exactly the document once the room has unloaded.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { joinBoard } from '../helpers/boardClients'
import { addNote, loadStoredDoc, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { eventually, startSyncHarness } from '../helpers/syncHarness'

const COMPACT_EVERY = 500
const cleanup = createCleanup()
afterEach(() => cleanup.run())

describe('compaction', () => {
  it('keeps storage near the document’s own size through thousands of edits, and at its size once unloaded', async () => {
    // Edits come faster here than any person makes them; the rate limit is not what is tested.
    const harness = await startSyncHarness({ ROOM_IDLE_UNLOAD_MS: '200', SYNC_MAX_MESSAGES_PER_SECOND: '100000' })
    cleanup.add(() => harness.close())
    const [writer, reader] = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    let written = 0
    let largestUpdate = 0
    writer.doc.on('update', (update: Uint8Array) => {
      written += update.byteLength
      largestUpdate = Math.max(largestUpdate, update.byteLength)
    })

    // Forty notes, each moved and rewritten a hundred times: 4,000 edits of a small board.
    for (let round = 0; round < 100; round++) {
      for (let n = 0; n < 40; n++) addNote(writer.doc, `n${n}`, `Idé ${n}, version ${round}`, { x: 200 * n + round, y: round })
      await eventually(() => expect(noteTexts(reader.doc)).toContain(`Idé 39, version ${round}`))
    }
    await harness.services.sync.room(harness.boardId)!.drained()
    expect(writer.closeCodes).toEqual([])

    const ownSize = Y.encodeStateAsUpdate(harness.services.sync.room(harness.boardId)!.doc).byteLength
    const stored = await harness.services.store.docs.docSize(harness.boardId)
    expect(written).toBeGreaterThan(20 * ownSize)
    expect(stored.updates).toBeLessThan(COMPACT_EVERY)
    expect(stored.bytes).toBeLessThanOrEqual(ownSize + COMPACT_EVERY * largestUpdate)

    writer.destroy()
    reader.destroy()
    await eventually(() => expect(harness.services.sync.stats().rooms).toBe(0))
    const unloaded = await harness.services.store.docs.docSize(harness.boardId)
    expect(unloaded.updates).toBe(0)
    expect(unloaded.bytes).toBeLessThanOrEqual(ownSize * 1.05)

    const reloaded = await loadStoredDoc(harness.services.store.docs, harness.boardId)
    expect(noteTexts(reloaded)).toEqual(Array.from({ length: 40 }, (_, n) => `Idé ${n}, version 99`).sort())
  }, 120_000)
})
