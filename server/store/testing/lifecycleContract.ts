/**
 * The part of the store contract about the life of boards and the rights of people: archive,
 * delete and purge (which must leave nothing of a board in any table), removing an account
 * (which must leave nothing that names the person), the audit log, and dumps. Run by
 * {@link describeStoreContract} for every implementation.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { privateDocId } from '../../../lib/board/docIds'
import type { BoardRecord, Store, StoreDump, UserRecord } from '../../../lib/store/types'
import { boardFixture } from './contractFixture'
import type { OpenedStore } from './contractFixture'

/** Every value in every row of the dump, as text, with the table it sits in. */
function cells(dump: StoreDump): { table: string; text: string }[] {
  return Object.entries(dump).flatMap(([table, rows]) =>
    rows.flatMap((row) =>
      Object.values(row).map((value) => ({
        table,
        text: value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : String(value),
      })),
    ),
  )
}

const mentioning = (dump: StoreDump, needle: string) => cells(dump).filter((cell) => cell.text.includes(needle))

export function describeLifecycleContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`${name} store contract: boards' lifecycle and people's data`, () => {
    let store: Store
    let facilitator: UserRecord
    let board: BoardRecord
    const { newBoard } = boardFixture(open, (fixture) => ({ store, facilitator, board } = fixture))

    /** A board with a member, an invite, a guest, a named snapshot and a private document. */
    async function furnished(target: BoardRecord) {
      const member = await store.users.create({ email: 'bertil@bibliotek.example.se', name: 'Bertil Ek', passwordHash: null })
      await store.boards.setRole(target.id, member.id, 'participant')
      const invite = await store.invites.create({
        boardId: target.id,
        role: 'participant',
        label: 'Filial Skärholmen',
        createdBy: facilitator.id,
        expiresAt: Date.now() + 60_000,
        tokenHash: 'a'.repeat(64),
      })
      const guest = await store.guests.create({ boardId: target.id, inviteId: invite.id, name: 'Gästen Gun' })
      await store.snapshots.create({
        boardId: target.id,
        name: 'Efter röstning',
        kind: 'manual',
        createdBy: { id: facilitator.id, name: facilitator.name },
        noteCount: 0,
        state: Y.encodeStateAsUpdate(new Y.Doc()),
      })
      const privateDoc = new Y.Doc()
      privateDoc.getMap('x').set('k', 'v')
      await store.docs.appendUpdates(privateDocId(target.id, member.id), [Y.encodeStateAsUpdate(privateDoc)])
      await store.docs.compactDoc(target.id, (await store.docs.loadDoc(target.id)).updates[0], 1)
      return { member, invite, guest }
    }

    it('renames and archives a board, and takes it out of the archive', async () => {
      expect(board.archivedAt).toBeNull()
      expect(board.deletedAt).toBeNull()
      expect(await store.boards.rename(board.id, 'Planeringsdag 2027')).toBe(true)
      expect(await store.boards.setArchived(board.id, 1234)).toBe(true)
      expect(await store.boards.get(board.id)).toMatchObject({ name: 'Planeringsdag 2027', archivedAt: 1234 })
      // An archived board is still its members' (it is out of the everyday list, not gone).
      expect((await store.boards.listForUser(facilitator.id)).map((b) => b.id)).toEqual([board.id])
      await store.boards.setArchived(board.id, null)
      expect((await store.boards.get(board.id))?.archivedAt).toBeNull()
      expect(await store.boards.rename('no-such-board', 'x')).toBe(false)
    })

    it('hides a deleted board from everyone but administrators, and restores it', async () => {
      await store.boards.setDeleted(board.id, 5000)
      expect(await store.boards.get(board.id)).toBeNull()
      expect(await store.boards.get(board.id, { includeDeleted: true })).toMatchObject({ id: board.id, deletedAt: 5000 })
      expect(await store.boards.roleOf(board.id, facilitator.id)).toBeNull()
      expect(await store.boards.listForUser(facilitator.id)).toEqual([])
      expect((await store.boards.listAll()).map((b) => b.id)).toEqual([board.id])
      await store.boards.setDeleted(board.id, null)
      expect(await store.boards.roleOf(board.id, facilitator.id)).toBe('facilitator')
    })

    it('purges a board so that no table holds its id any more, and leaves other boards alone', async () => {
      const other = await newBoard('Andra tavlan')
      await furnished(board)
      await store.audit.append({ actor: null, action: 'board-purged', boardId: board.id, targetId: null, detail: null })
      await store.boards.purge(board.id)
      const dump = await store.dump()
      // The audit log keeps that it happened, by id; nothing else names the board.
      expect(mentioning(dump, board.id).map((cell) => cell.table)).toEqual(['audit_log'])
      expect(await store.docs.loadDoc(board.id)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
      expect(await store.docs.listDocIds(board.id)).toEqual([])
      expect(await store.boards.get(other.id)).toMatchObject({ name: 'Andra tavlan' })
      expect((await store.docs.loadDoc(other.id)).updates.length).toBe(1)
    })

    it('removes an account so that nothing names the person, and keeps what others rely on', async () => {
      const { member, invite, guest } = await furnished(board)
      await store.audit.append({
        actor: { id: facilitator.id, name: facilitator.name },
        action: 'sign-in',
        boardId: null,
        targetId: null,
        detail: null,
      })
      expect(await store.users.remove(facilitator.id, 'borttagen användare')).toBe(true)
      expect(await store.users.remove(facilitator.id, 'borttagen användare')).toBe(false)
      const dump = await store.dump()
      expect(mentioning(dump, 'Anna Lind')).toEqual([])
      expect(mentioning(dump, 'anna@bibliotek.example.se')).toEqual([])
      expect(await store.users.get(facilitator.id)).toBeNull()
      expect(await store.users.findByEmail('anna@bibliotek.example.se')).toBeNull()
      expect((await store.users.list()).map((u) => u.id)).toEqual([member.id])
      expect(await store.users.count()).toBe(1)
      expect(await store.boards.roleOf(board.id, facilitator.id)).toBeNull()
      // Her snapshot and audit entries now carry the erased name; her invite still admits its guest.
      expect((await store.snapshots.list(board.id))[0].createdBy).toEqual({ id: facilitator.id, name: 'borttagen användare' })
      expect((await store.audit.listAbout(facilitator.id))[0].actor).toEqual({ id: facilitator.id, name: 'borttagen användare' })
      expect(await store.invites.get(invite.id)).toMatchObject({ id: invite.id, revokedAt: null })
      expect(await store.guests.get(guest.id)).toMatchObject({ name: 'Gästen Gun' })
      // The email can be given to a new account.
      await store.users.create({ email: 'anna@bibliotek.example.se', name: 'Anna Lind', passwordHash: null })
    })

    it('removes a guest', async () => {
      const { guest } = await furnished(board)
      expect(await store.guests.remove(guest.id)).toBe(true)
      expect(await store.guests.get(guest.id)).toBeNull()
      expect(mentioning(await store.dump(), 'Gästen Gun')).toEqual([])
      expect(await store.guests.remove(guest.id)).toBe(false)
    })

    it('ends sessions from a moment on, never moving the moment back', async () => {
      expect(facilitator.sessionsValidAfter).toBe(0)
      await store.users.endSessions(facilitator.id, 2000)
      await store.users.endSessions(facilitator.id, 1000)
      expect((await store.users.get(facilitator.id))?.sessionsValidAfter).toBe(2000)
    })

    it('lists what a person created: invites and snapshots', async () => {
      const { invite } = await furnished(board)
      expect((await store.invites.listCreatedBy(facilitator.id)).map((i) => i.id)).toEqual([invite.id])
      expect((await store.snapshots.listCreatedBy(facilitator.id)).map((s) => s.name)).toEqual(['Efter röstning'])
      expect(await store.invites.listCreatedBy('nobody')).toEqual([])
    })

    it('deletes automatic snapshots older than a moment, and no others', async () => {
      const state = Y.encodeStateAsUpdate(new Y.Doc())
      const base = { boardId: board.id, createdBy: null, noteCount: 0, state }
      await store.snapshots.create({ ...base, name: 'gammal', kind: 'auto', createdAt: 1000 })
      await store.snapshots.create({ ...base, name: 'ny', kind: 'auto', createdAt: 5000 })
      await store.snapshots.create({ ...base, name: 'namngiven', kind: 'manual', createdAt: 1000 })
      expect(await store.snapshots.deleteAutoBefore(board.id, 3000)).toBe(1)
      expect((await store.snapshots.list(board.id)).map((s) => s.name).sort()).toEqual(['namngiven', 'ny'])
    })

    it('keeps an audit log, newest first, paged, by person, and forgets old entries', async () => {
      const anna = { id: facilitator.id, name: facilitator.name }
      await store.audit.append({ at: 1000, actor: anna, action: 'sign-in', boardId: null, targetId: null, detail: 'credentials' })
      await store.audit.append({ at: 2000, actor: anna, action: 'board-exported', boardId: board.id, targetId: null, detail: 'csv' })
      await store.audit.append({ at: 3000, actor: null, action: 'person-removed', boardId: null, targetId: 'someone', detail: null })
      const all = await store.audit.list()
      expect(all.map((e) => e.action)).toEqual(['person-removed', 'board-exported', 'sign-in'])
      expect(all[1]).toMatchObject({ at: 2000, actor: anna, boardId: board.id, detail: 'csv' })
      expect((await store.audit.list({ limit: 1, before: all[0].seq })).map((e) => e.action)).toEqual(['board-exported'])
      expect((await store.audit.list({ boardId: board.id })).length).toBe(1)
      expect((await store.audit.listAbout('someone')).map((e) => e.action)).toEqual(['person-removed'])
      expect(await store.audit.deleteBefore(2500)).toBe(2)
      expect((await store.audit.list()).length).toBe(1)
    })

    it('lists boards untouched since a moment and records the retention warning', async () => {
      await store.boards.touch(board.id, 1000)
      const fresh = await newBoard('Ny')
      const untouched = await store.boards.listUntouchedSince(2000)
      expect(untouched.map((b) => b.id)).toEqual([board.id])
      expect(untouched[0].retentionWarnedAt).toBeNull()
      await store.boards.setRetentionWarned(board.id, 1500)
      expect((await store.boards.listUntouchedSince(2000))[0].retentionWarnedAt).toBe(1500)
      expect(fresh.id).not.toBe(board.id)
    })

    it('dumps every table and loads the dump into an empty store identically', async () => {
      await furnished(board)
      await store.audit.append({ actor: null, action: 'sign-in', boardId: null, targetId: null, detail: null })
      await store.getOrCreateSecret('auth', () => 'secret-value')
      const dump = await store.dump()
      expect(Object.keys(dump)).toEqual(expect.arrayContaining(['users', 'boards', 'doc_updates', 'audit_log', 'secrets']))
      await expect(store.load(dump)).rejects.toThrow(/not empty/)
      const second = await open()
      try {
        await second.store.load(dump)
        expect(await second.store.dump()).toEqual(dump)
        expect(await second.store.getOrCreateSecret('auth', () => 'other')).toBe('secret-value')
        // Sequences carry on after the loaded rows.
        const seq = await second.store.docs.appendUpdates(board.id, [Y.encodeStateAsUpdate(new Y.Doc())])
        expect(seq).toBeGreaterThan((await store.docs.loadDoc(board.id)).lastSeq)
      } finally {
        await second.cleanup()
      }
    })
  })
}
