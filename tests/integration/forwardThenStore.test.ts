/**
 * A room forwards an edit first and stores it right after (server/sync/DurableUpdates.ts): the
 * other clients see it without waiting for the store's commit, the store has it once the append
 * returns, and a store that fails leaves the server running while the clients, which hold the
 * edit, bring it back. What the guards refuse is still never forwarded.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { recordsArray } from '../../lib/board/docLayout'
import type { DocStore } from '../../lib/store/types'
import { joinBoard } from '../helpers/boardClients'
import { addNote, buildNote, loadStoredDoc, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
afterEach(() => cleanup.run())

async function startHarness(): Promise<SyncHarness> {
  const harness = await startSyncHarness({ ROOM_IDLE_UNLOAD_MS: '100' })
  cleanup.add(() => harness.close())
  return harness
}

/** Replaces the store's `appendUpdates` (the sync server reaches it through its wrappers). */
function interceptAppends(docs: DocStore, append: DocStore['appendUpdates']): void {
  const original = docs.appendUpdates
  docs.appendUpdates = append
  cleanup.add(() => {
    docs.appendUpdates = original
  })
}

async function storedTexts(harness: SyncHarness): Promise<string[]> {
  return noteTexts(await loadStoredDoc(harness.services.store.docs, harness.boardId))
}

describe('forward, then store', () => {
  it('an edit reaches the other clients while its append is still running, and is stored once it returns', async () => {
    const harness = await startHarness()
    const writer = await joinBoard(harness, cleanup)
    const reader = await joinBoard(harness, cleanup)
    const { docs } = harness.services.store
    const append = docs.appendUpdates.bind(docs)
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let appendsStarted = 0
    interceptAppends(docs, async (docId, updates) => {
      appendsStarted++
      await held
      return append(docId, updates)
    })

    addNote(writer.doc, 'held', 'Vidarebefordrad före lagring')
    await eventually(() => expect(noteTexts(reader.doc)).toEqual(['Vidarebefordrad före lagring']))
    expect(appendsStarted).toBe(1)
    expect(await storedTexts(harness)).toEqual([])

    release()
    await eventually(async () => expect(await storedTexts(harness)).toEqual(['Vidarebefordrad före lagring']))
    // And a room loaded afresh from the store serves it.
    writer.destroy()
    reader.destroy()
    await eventually(() => expect(harness.services.sync.stats()).toEqual({ rooms: 0, connections: 0 }))
    const later = await joinBoard(harness, cleanup)
    expect(noteTexts(later.doc)).toEqual(['Vidarebefordrad före lagring'])
  })

  it('a store that fails an append after the edit was forwarded leaves the server running; the clients bring the edit back', async () => {
    const harness = await startHarness()
    const writer = await joinBoard(harness, cleanup)
    const reader = await joinBoard(harness, cleanup)
    const { docs } = harness.services.store
    const append = docs.appendUpdates.bind(docs)
    let failures = 0
    interceptAppends(docs, async (docId, updates) => {
      if (failures++ === 0) throw new Error('disk full')
      return append(docId, updates)
    })

    addNote(writer.doc, 'lost', 'Förlorad vid lagringsfel')
    await eventually(() => expect(noteTexts(reader.doc)).toEqual(['Förlorad vid lagringsfel']))
    // The room closed its sockets (1011) and the providers reconnected to a fresh room, which
    // lacked the edit until a client that had it sent it again.
    await eventually(() => expect(writer.closeCodes).toContain(1011))
    await eventually(async () => expect(await storedTexts(harness)).toEqual(['Förlorad vid lagringsfel']))
    expect(failures).toBeGreaterThan(1)
    const later = await joinBoard(harness, cleanup)
    expect(noteTexts(later.doc)).toEqual(['Förlorad vid lagringsfel'])
    // Other edits carry on as before.
    addNote(writer.doc, 'after', 'Efter felet')
    await eventually(() => expect(noteTexts(later.doc)).toEqual(['Efter felet', 'Förlorad vid lagringsfel']))
  })

  it('a record the guards refuse never reaches another client', async () => {
    const harness = await startHarness()
    const reader = await joinBoard(harness, cleanup)
    const hostile = await joinBoard(harness, cleanup, { role: 'participant' })
    const honest = await joinBoard(harness, cleanup, { role: 'participant' })
    const everSeen = new Set<string>()
    reader.doc.on('update', () => {
      for (const entry of recordsArray(reader.doc).toArray()) everSeen.add(entry.key)
    })

    // A record whose key is not its id: a browser would refuse it, so the server does.
    const note = buildNote({ key: 'refused', text: 'Ogiltig' })
    recordsArray(hostile.doc).push([{ key: 'shape:not-its-id', val: note }])
    await eventually(() => expect(hostile.closeCodes.length).toBeGreaterThan(0))
    addNote(honest.doc, 'sentinel', 'Efteråt')
    await eventually(() => expect(noteTexts(reader.doc)).toEqual(['Efteråt']))
    expect(everSeen.has('shape:not-its-id')).toBe(false)
  })
})
