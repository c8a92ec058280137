/**
 * Changes the server makes itself (imports, restores, facilitation, notes from phones) travel
 * like any client's: durable first, then to everyone connected.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { joinBoard } from '../helpers/boardClients'
import { addNote, loadStoredDoc, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
let harness: SyncHarness

beforeEach(async () => {
  harness = await startSyncHarness({ ROOM_IDLE_UNLOAD_MS: '100' })
  cleanup.add(() => harness.close())
})

afterEach(() => cleanup.run())

describe('server-side changes', () => {
  it('reach every connected client and are stored before changeDoc resolves', async () => {
    const [alice, bob] = await Promise.all([0, 1].map(() => joinBoard(harness, cleanup)))
    const result = await harness.services.sync.changeDoc(harness.boardId, (doc) => {
      addNote(doc, 'from-server', 'Från servern')
      return 'done'
    })
    expect(result).toBe('done')
    expect(noteTexts(await loadStoredDoc(harness.services.store.docs, harness.boardId))).toContain('Från servern')
    await eventually(() => {
      expect(noteTexts(alice.doc)).toContain('Från servern')
      expect(noteTexts(bob.doc)).toContain('Från servern')
    })
  })

  it('load a room nobody has open, and let it unload again', async () => {
    expect(harness.services.sync.stats().rooms).toBe(0)
    await harness.services.sync.changeDoc(harness.boardId, (doc) => addNote(doc, 'lonely', 'Ensam lapp'))
    expect(noteTexts(await loadStoredDoc(harness.services.store.docs, harness.boardId))).toContain('Ensam lapp')
    await eventually(() => expect(harness.services.sync.stats().rooms).toBe(0))
    const texts = await harness.services.sync.readDoc(harness.boardId, (doc) => noteTexts(doc))
    expect(texts).toContain('Ensam lapp')
  })
})
