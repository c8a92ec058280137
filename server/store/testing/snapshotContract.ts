/**
 * The part of the store contract about named snapshots of boards' documents. Run by
 * {@link describeStoreContract} for every implementation.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoardDoc } from '../../../lib/board/createBoardDoc'
import { readBoard } from '../../../lib/board/readModel'
import { makeNoteShape } from '../../../lib/board/testing/makeNoteShape'
import { openRecordStore } from '../../../lib/board/docLayout'
import type { BoardRecord, NewSnapshot, Store, UserRecord } from '../../../lib/store/types'
import { boardFixture } from './contractFixture'
import type { OpenedStore } from './contractFixture'

export function describeSnapshotContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`${name} store contract: snapshots`, () => {
    let store: Store
    let facilitator: UserRecord
    let board: BoardRecord
    const { newBoard } = boardFixture(open, (fixture) => ({ store, facilitator, board } = fixture))

    function boardStateWithNote(text: string): Uint8Array {
      const doc = createBoardDoc({ name: 'Tavla', locale: 'sv', includeStarterNotes: false, now: 0 })
      const note = makeNoteShape({ id: 'n1', x: -1000, y: -1000, text })
      openRecordStore(doc).set(note.id, note)
      const state = Y.encodeStateAsUpdate(doc)
      doc.destroy()
      return state
    }

    function snapshotOf(overrides: Partial<NewSnapshot> = {}): NewSnapshot {
      return {
        boardId: board.id,
        name: 'Efter röstning',
        kind: 'manual',
        createdBy: { id: facilitator.id, name: facilitator.name },
        noteCount: 1,
        state: boardStateWithNote('Fler besökare'),
        ...overrides,
      }
    }

    it('keeps a snapshot’s state byte for byte with its name, kind, author and note count', async () => {
      const input = snapshotOf({ createdAt: 1_700_000_000_000 })
      const created = await store.snapshots.create(input)
      expect(created).toMatchObject({
        boardId: board.id,
        name: 'Efter röstning',
        kind: 'manual',
        createdBy: { id: facilitator.id, name: 'Anna Lind' },
        createdAt: 1_700_000_000_000,
        noteCount: 1,
        bytes: input.state.byteLength,
      })
      const read = await store.snapshots.get(board.id, created.id)
      expect(read).not.toBeNull()
      expect(Buffer.from(read!.state).equals(Buffer.from(input.state))).toBe(true)
      const { state: _state, ...record } = read!
      expect(record).toEqual(created)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, read!.state)
      expect(
        readBoard(doc, 'sv')
          .steps.flatMap((s) => s.areas)
          .flatMap((a) => a.notes),
      ).toEqual([])
      expect(readBoard(doc, 'sv').unplaced.map((n) => n.text)).toEqual(['Fler besökare'])
    })

    it('keeps a snapshot the server took without an author', async () => {
      const created = await store.snapshots.create(snapshotOf({ kind: 'auto', createdBy: null, name: 'Automatisk' }))
      expect((await store.snapshots.get(board.id, created.id))?.createdBy).toBeNull()
      expect((await store.snapshots.list(board.id))[0]).toMatchObject({ kind: 'auto', createdBy: null })
    })

    it('lists a board’s snapshots newest first, without other boards’ snapshots', async () => {
      const other = await newBoard('Annan')
      await store.snapshots.create(snapshotOf({ name: 'Först', createdAt: 1000 }))
      await store.snapshots.create(snapshotOf({ name: 'Sist', createdAt: 3000 }))
      await store.snapshots.create(snapshotOf({ name: 'Mitten', createdAt: 2000 }))
      await store.snapshots.create(snapshotOf({ boardId: other.id, name: 'Annans', createdAt: 2500 }))
      expect((await store.snapshots.list(board.id)).map((s) => s.name)).toEqual(['Sist', 'Mitten', 'Först'])
      expect((await store.snapshots.list(other.id)).map((s) => s.name)).toEqual(['Annans'])
      expect(await store.snapshots.list('no-such-board')).toEqual([])
    })

    it('gives null for an unknown snapshot or one asked for through another board', async () => {
      const other = await newBoard('Annan')
      const created = await store.snapshots.create(snapshotOf())
      expect(await store.snapshots.get(board.id, 'no-such-snapshot')).toBeNull()
      expect(await store.snapshots.get(other.id, created.id)).toBeNull()
    })

    it('deletes a snapshot only through its own board', async () => {
      const other = await newBoard('Annan')
      const created = await store.snapshots.create(snapshotOf())
      expect(await store.snapshots.delete(other.id, created.id)).toBe(false)
      expect(await store.snapshots.get(board.id, created.id)).not.toBeNull()
      expect(await store.snapshots.delete(board.id, created.id)).toBe(true)
      expect(await store.snapshots.get(board.id, created.id)).toBeNull()
      expect(await store.snapshots.delete(board.id, created.id)).toBe(false)
      expect(await store.snapshots.list(board.id)).toEqual([])
    })

    it('refuses a snapshot of a board that does not exist', async () => {
      await expect(store.snapshots.create(snapshotOf({ boardId: 'no-such-board' }))).rejects.toThrow()
    })

    it('gives every snapshot its own id', async () => {
      const a = await store.snapshots.create(snapshotOf())
      const b = await store.snapshots.create(snapshotOf())
      expect(a.id).not.toBe(b.id)
    })
  })
}
