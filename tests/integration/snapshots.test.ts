/**
 * Named snapshots against the real sync server and a real SQLite file: restoring one in place
 * reaches every connected client and can be undone; restoring as a new board leaves the
 * original alone; the server takes its own snapshots of boards that changed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { readBoardContent, readContentOfState } from '../../lib/board/boardContent'
import { readRecords } from '../../lib/board/docLayout'
import { joinBoard } from '../helpers/boardClients'
import { addNote, loadStoredDoc, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
const anna = { id: 'user-anna', name: 'Anna Lind' }

afterEach(() => cleanup.run())

async function harnessWith(env: Record<string, string> = {}): Promise<SyncHarness> {
  const harness = await startSyncHarness({ SNAPSHOT_INTERVAL_MINUTES: '0', ...env })
  cleanup.add(() => harness.close())
  return harness
}

const recordsOf = (doc: Y.Doc) => Object.fromEntries(readRecords(doc))
const serverContent = (harness: SyncHarness) => harness.services.sync.readDoc(harness.boardId, readBoardContent)

describe('snapshots', () => {
  it('restore in place brings back exactly the saved state, on the server and for connected clients', async () => {
    const harness = await harnessWith()
    const [alice, bob] = await Promise.all([0, 1].map(() => joinBoard(harness, cleanup)))
    addNote(alice.doc, 'keep', 'Behålls', { x: -3000, y: -3000 })
    addNote(alice.doc, 'gone-later', 'Tas bort sen', { x: -3300, y: -3000 })
    await eventually(async () => expect(noteTexts(await loadStoredDoc(harness.services.store.docs, harness.boardId))).toHaveLength(2))
    const saved = await harness.services.snapshots.take(harness.boardId, 'Efter röstning', anna)
    expect(saved).toMatchObject({ name: 'Efter röstning', kind: 'manual', noteCount: 2, createdBy: anna })

    // The board moves on: a note is added, one is deleted, one is rewritten — by Bob, once his
    // copy holds Alice's notes (a rewrite concurrent with her write could lose to it).
    await eventually(() => expect(noteTexts(bob.doc)).toEqual(['Behålls', 'Tas bort sen']))
    addNote(bob.doc, 'new', 'Ny efter bilden', { x: -3600, y: -3000 })
    addNote(bob.doc, 'keep', 'Ändrad text', { x: -3000, y: -3000 })
    await eventually(() => expect(noteTexts(alice.doc)).toEqual(['Ny efter bilden', 'Tas bort sen', 'Ändrad text']))

    const result = await harness.services.snapshots.restoreInPlace(harness.boardId, saved.id, anna)
    const expected = readContentOfState((await harness.services.store.snapshots.get(harness.boardId, saved.id))!.state)
    expect(await serverContent(harness)).toEqual(expected)
    expect(readBoardContent(await loadStoredDoc(harness.services.store.docs, harness.boardId))).toEqual(expected)
    await eventually(() => {
      expect(recordsOf(alice.doc)).toEqual(Object.fromEntries(expected.records.map((r) => [r.id, r])))
      expect(recordsOf(bob.doc)).toEqual(Object.fromEntries(expected.records.map((r) => [r.id, r])))
    })
    expect(noteTexts(bob.doc)).toEqual(['Behålls', 'Tas bort sen'])
    expect(result?.before).toMatchObject({ kind: 'restore', noteCount: 3 })
    expect(result?.before.name).toMatch(/^Före återställning till ”Efter röstning” \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/)
  })

  it('restore in place is undone by restoring the snapshot it kept first', async () => {
    const harness = await harnessWith()
    const alice = await joinBoard(harness, cleanup)
    addNote(alice.doc, 'a', 'Första idén', { x: -3000, y: -3000 })
    await eventually(async () => expect(noteTexts(await loadStoredDoc(harness.services.store.docs, harness.boardId))).toHaveLength(1))
    const early = await harness.services.snapshots.take(harness.boardId, 'Tidigt', anna)
    addNote(alice.doc, 'b', 'Andra idén', { x: -3300, y: -3000 })
    await eventually(async () => expect(noteTexts(await loadStoredDoc(harness.services.store.docs, harness.boardId))).toHaveLength(2))
    const beforeRestore = await serverContent(harness)

    const { before } = (await harness.services.snapshots.restoreInPlace(harness.boardId, early.id, anna))!
    await eventually(() => expect(noteTexts(alice.doc)).toEqual(['Första idén']))
    await harness.services.snapshots.restoreInPlace(harness.boardId, before.id, anna)
    expect(await serverContent(harness)).toEqual(beforeRestore)
    await eventually(() => expect(noteTexts(alice.doc)).toEqual(['Andra idén', 'Första idén']))
    const kinds = (await harness.services.store.snapshots.list(harness.boardId)).map((s) => s.kind)
    expect(kinds).toEqual(['restore', 'restore', 'manual'])
  })

  it('restore as a new board copies the snapshot and leaves the original board alone', async () => {
    const harness = await harnessWith()
    await harness.services.sync.changeDoc(harness.boardId, (doc) => addNote(doc, 'a', 'I bilden', { x: -3000, y: -3000 }))
    const snapshot = await harness.services.snapshots.take(harness.boardId, 'Bild', anna)
    await harness.services.sync.changeDoc(harness.boardId, (doc) => addNote(doc, 'b', 'Efter bilden', { x: -3300, y: -3000 }))

    const created = await harness.services.snapshots.restoreAsNew(harness.boardId, snapshot.id, { id: harness.userId, name: 'F' })
    const board = await harness.services.store.boards.get(created!.id)
    expect(board).toMatchObject({ name: 'Test board (Bild)', locale: 'sv', createdBy: harness.userId })
    expect(await harness.services.store.boards.roleOf(created!.id, harness.userId)).toBe('facilitator')
    const copy = await loadStoredDoc(harness.services.store.docs, created!.id)
    expect(noteTexts(copy)).toEqual(['I bilden'])
    expect(await harness.services.sync.readDoc(harness.boardId, noteTexts)).toEqual(['Efter bilden', 'I bilden'])
  })

  it('restores snapshots named by an older server under today’s names, without nesting', async () => {
    const harness = await harnessWith()
    const { store } = harness.services
    const state = (await store.snapshots.get(harness.boardId, (await harness.services.snapshots.take(harness.boardId, 'Nu', anna)).id))!
      .state
    const at = Date.UTC(2026, 10, 20, 9, 30)
    const nested = await store.snapshots.create({
      boardId: harness.boardId,
      name: 'Före återställning till ”Före återställning till ”Efter röstning””',
      kind: 'restore',
      createdBy: anna,
      noteCount: 0,
      state,
      createdAt: at,
    })
    const auto = await store.snapshots.create({
      boardId: harness.boardId,
      name: 'Automatisk',
      kind: 'auto',
      createdBy: null,
      noteCount: 0,
      state,
      createdAt: at,
    })

    const result = (await harness.services.snapshots.restoreInPlace(harness.boardId, nested.id, anna))!
    expect(result.restored.name).toBe('Före ångrad återställning 2026-11-20 09:30 UTC')
    expect(result.before.name).toMatch(/^Före ångrad återställning \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/)
    const again = (await harness.services.snapshots.restoreInPlace(harness.boardId, auto.id, anna))!
    expect(again.restored.name).toBe('Automatisk 2026-11-20 09:30 UTC')
    expect(again.before.name).toMatch(/^Före återställning till ”Automatisk 2026-11-20 09:30 UTC” \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/)
    const copy = await harness.services.snapshots.restoreAsNew(harness.boardId, auto.id, { id: harness.userId, name: 'F' })
    expect((await store.boards.get(copy!.id))?.name).toBe('Test board (Automatisk 2026-11-20 09:30 UTC)')
  })

  it('answers null for a snapshot of another board', async () => {
    const harness = await harnessWith()
    const other = await harness.createBoard()
    const snapshot = await harness.services.snapshots.take(other, null, null)
    expect(await harness.services.snapshots.restoreInPlace(harness.boardId, snapshot.id, anna)).toBeNull()
    expect(await harness.services.snapshots.restoreAsNew(harness.boardId, snapshot.id, anna)).toBeNull()
  })

  it('takes an automatic snapshot of each board that changed, and none of one that did not', async () => {
    const harness = await harnessWith()
    const quiet = await harness.createBoard()
    await harness.services.snapshots.snapshotChanged()
    await harness.services.sync.changeDoc(harness.boardId, (doc) => addNote(doc, 'a', 'Ändring', { x: -3000, y: -3000 }))
    expect(await harness.services.snapshots.snapshotChanged()).toBe(1)
    expect(await harness.services.snapshots.snapshotChanged()).toBe(0)
    expect(await harness.services.store.snapshots.list(harness.boardId)).toMatchObject([
      { kind: 'auto', name: expect.stringMatching(/^Automatisk \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/), createdBy: null, noteCount: 1 },
    ])
    expect(await harness.services.store.snapshots.list(quiet)).toEqual([])
  })

  it('takes automatic snapshots on its own timer while a board changes', async () => {
    const harness = await harnessWith({ SNAPSHOT_INTERVAL_MINUTES: '0.005' })
    const alice = await joinBoard(harness, cleanup)
    addNote(alice.doc, 'a', 'Medan timern går', { x: -3000, y: -3000 })
    const [auto] = await eventually(async () => {
      const list = await harness.services.store.snapshots.list(harness.boardId)
      expect(list.length).toBeGreaterThan(0)
      return list
    })
    expect(auto).toMatchObject({ kind: 'auto', noteCount: 1 })
  })

  it('keeps only the newest automatic snapshots, and every named one', async () => {
    const harness = await harnessWith({ SNAPSHOT_KEEP_AUTO: '2' })
    await harness.services.snapshots.take(harness.boardId, 'Namngiven', anna)
    for (let i = 0; i < 4; i++) {
      await harness.services.sync.changeDoc(harness.boardId, (doc) => addNote(doc, `n${i}`, `Lapp ${i}`, { x: -3000 - 300 * i, y: -3000 }))
      await harness.services.snapshots.snapshotChanged()
    }
    const list = await harness.services.store.snapshots.list(harness.boardId)
    expect(list.map((s) => [s.kind, s.noteCount])).toEqual([
      ['auto', 4],
      ['auto', 3],
      ['manual', 0],
    ])
  })

  it('keeps a snapshot named after the vote when a voting round ends', async () => {
    const harness = await harnessWith()
    await harness.services.context.onVotingEnded!(harness.boardId, 'round-1', anna)
    expect(await harness.services.store.snapshots.list(harness.boardId)).toMatchObject([
      { kind: 'voting', name: expect.stringMatching(/^Efter röstning \d{4}-/), createdBy: anna },
    ])
  })
})
