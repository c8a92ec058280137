/**
 * The behaviour every {@link Store} implementation owes the rest of the app, as a test suite.
 * Each implementation's test file calls {@link describeStoreContract} with a way to open a
 * fresh, empty store; SQLite does now, PostgreSQL will when it lands.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { privateDocId, privateDocPrefix } from '../../../lib/board/docIds'
import { createBoardDoc, createBoardState } from '../../../lib/board/createBoardDoc'
import { openRecordStore, readRecords } from '../../../lib/board/docLayout'
import { readBoard } from '../../../lib/board/readModel'
import { makeNoteShape } from '../../../lib/board/testing/makeNoteShape'
import type { NewUser, StoredDoc, Store, UserRecord } from '../../../lib/store/types'
import { describeInviteContract } from './inviteContract'
import { describeLifecycleContract } from './lifecycleContract'
import { describeSnapshotContract } from './snapshotContract'
import { describeRoundContract } from './roundContract'
import type { OpenedStore } from './contractFixture'

const anna: NewUser = { email: 'anna.lind@bibliotek.example.se', name: 'Anna Lind', passwordHash: 'hash-a' }
const bertil: NewUser = { email: 'bertil@bibliotek.example.se', name: 'Bertil Ek', passwordHash: null }

/** A board's document as the store's loader would rebuild it. */
function docFrom(stored: StoredDoc): Y.Doc {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const update of stored.updates) Y.applyUpdate(doc, update)
  return doc
}

/**
 * A board with three later edits, each captured as the Yjs update a client would send:
 * the initial state, then one note added per update.
 */
function boardWithEdits() {
  const doc = createBoardDoc({ name: 'Planeringsdag', locale: 'sv', includeStarterNotes: false, now: 0 })
  const initialState = Y.encodeStateAsUpdate(doc)
  const edits: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => edits.push(update))
  const records = openRecordStore(doc)
  for (const [i, text] of ['Fler besökare', 'Nya intäkter', 'Bättre webb'].entries()) {
    const note = makeNoteShape({ id: `note-${i}`, x: -1000 - 250 * i, y: -1000, text })
    records.set(note.id, note)
  }
  return { doc, initialState, edits }
}

const sum = (parts: Uint8Array[]) => parts.reduce((n, part) => n + part.byteLength, 0)

export function describeStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`${name} store contract`, () => {
    let opened: OpenedStore
    let store: Store

    beforeEach(async () => {
      opened = await open()
      store = opened.store
    })

    afterEach(async () => {
      await opened.cleanup()
    })

    async function facilitatorWithBoard(initialState = createBoardState({ name: 'Tavla', locale: 'sv', includeStarterNotes: false })) {
      const user = await store.users.create(anna)
      const board = await store.boards.create({ name: 'Tavla', locale: 'sv', createdBy: user.id, initialState })
      return { user, board }
    }

    describe('users', () => {
      it('creates a user that can be read back by id', async () => {
        const created = await store.users.create(anna)
        expect(created).toMatchObject({ email: anna.email, name: anna.name, passwordHash: 'hash-a', isAdmin: false, locale: null })
        expect(await store.users.get(created.id)).toEqual(created)
      })

      it('gives every user their own id', async () => {
        const a = await store.users.create(anna)
        const b = await store.users.create(bertil)
        expect(a.id).not.toBe(b.id)
      })

      it('finds a user by email whatever its case', async () => {
        const created = await store.users.create(anna)
        const found = await store.users.findByEmail('Anna.Lind@BIBLIOTEK.example.se')
        expect(found?.id).toBe(created.id)
        expect(await store.users.findByEmail('nobody@bibliotek.example.se')).toBeNull()
      })

      it('treats Swedish letters in an email without regard to case', async () => {
        const created = await store.users.create({ ...anna, email: 'Åsa.Öberg@bibliotek.example.se' })
        expect((await store.users.findByEmail('åsa.öberg@bibliotek.example.se'))?.id).toBe(created.id)
        await expect(store.users.create({ ...bertil, email: 'ÅSA.ÖBERG@bibliotek.example.se' })).rejects.toThrow()
      })

      it('gives null for an unknown id', async () => {
        expect(await store.users.get('no-such-user')).toBeNull()
      })

      it('counts its users', async () => {
        expect(await store.users.count()).toBe(0)
        await store.users.create(anna)
        await store.users.create(bertil)
        expect(await store.users.count()).toBe(2)
      })

      it('keeps whether a user is an admin', async () => {
        const admin = await store.users.create({ ...bertil, isAdmin: true })
        expect((await store.users.get(admin.id))?.isAdmin).toBe(true)
      })

      it('refuses a second user with the same email, in any case', async () => {
        await store.users.create(anna)
        await expect(store.users.create({ ...bertil, email: anna.email })).rejects.toThrow()
        await expect(store.users.create({ ...bertil, email: anna.email.toUpperCase() })).rejects.toThrow()
        expect(await store.users.count()).toBe(1)
      })

      it('remembers a user’s chosen language', async () => {
        const user = await store.users.create(anna)
        await store.users.setLocale(user.id, 'en')
        expect((await store.users.get(user.id))?.locale).toBe('en')
      })

      it('lists no users when there are none', async () => {
        expect(await store.users.list()).toEqual([])
      })

      it('lists every user in Swedish alphabetical order of name, ignoring case', async () => {
        for (const [email, name] of [
          ['orjan@bibliotek.example.se', 'Örjan Ek'],
          ['bertil@bibliotek.example.se', 'Bertil Ek'],
          ['asa@bibliotek.example.se', 'Åsa Berg'],
          ['anna@bibliotek.example.se', 'anna Lind'],
          ['arla@bibliotek.example.se', 'Ärla Sund'],
          ['zelda@bibliotek.example.se', 'Zelda Ung'],
        ]) {
          await store.users.create({ email, name, passwordHash: null })
        }
        const listed = await store.users.list()
        expect(listed.map((u) => u.name)).toEqual(['anna Lind', 'Bertil Ek', 'Zelda Ung', 'Åsa Berg', 'Ärla Sund', 'Örjan Ek'])
        expect(listed[0]).toEqual(await store.users.findByEmail('anna@bibliotek.example.se'))
      })

      it('replaces a user’s password hash and nothing else', async () => {
        const user = await store.users.create(anna)
        const other = await store.users.create(bertil)
        await store.users.setPassword(user.id, 'hash-new')
        expect(await store.users.get(user.id)).toEqual({ ...user, passwordHash: 'hash-new' })
        expect(await store.users.get(other.id)).toEqual(other)
      })

      it('sets a first password for a user who had none', async () => {
        const user = await store.users.create(bertil)
        await store.users.setPassword(user.id, 'hash-b')
        expect((await store.users.findByEmail(bertil.email))?.passwordHash).toBe('hash-b')
      })
    })

    describe('boards', () => {
      it('makes the creator the board’s facilitator', async () => {
        const { user, board } = await facilitatorWithBoard()
        expect(board).toMatchObject({ name: 'Tavla', locale: 'sv', createdBy: user.id })
        expect(await store.boards.get(board.id)).toEqual(board)
        expect(await store.boards.roleOf(board.id, user.id)).toBe('facilitator')
      })

      it('lists a board for its creator with their role', async () => {
        const { user, board } = await facilitatorWithBoard()
        expect(await store.boards.listForUser(user.id)).toEqual([{ ...board, role: 'facilitator' }])
      })

      it('lists no boards for someone who is not a member', async () => {
        const { board } = await facilitatorWithBoard()
        const outsider = await store.users.create(bertil)
        expect(await store.boards.listForUser(outsider.id)).toEqual([])
        expect(await store.boards.roleOf(board.id, outsider.id)).toBeNull()
      })

      it('gives a member the role set for them, and changes it when set again', async () => {
        const { board } = await facilitatorWithBoard()
        const member: UserRecord = await store.users.create(bertil)
        await store.boards.setRole(board.id, member.id, 'participant')
        expect(await store.boards.roleOf(board.id, member.id)).toBe('participant')
        await store.boards.setRole(board.id, member.id, 'observer')
        expect(await store.boards.roleOf(board.id, member.id)).toBe('observer')
        expect(await store.boards.listForUser(member.id)).toEqual([{ ...board, role: 'observer' }])
      })

      it('lists the most recently touched board first', async () => {
        const user = await store.users.create(anna)
        const state = createBoardState({ name: 'Tavla', locale: 'sv', includeStarterNotes: false })
        const first = await store.boards.create({ name: 'Första', locale: 'sv', createdBy: user.id, initialState: state })
        const second = await store.boards.create({ name: 'Andra', locale: 'en', createdBy: user.id, initialState: state })
        await store.boards.touch(first.id, second.updatedAt + 1000)
        expect((await store.boards.listForUser(user.id)).map((b) => b.name)).toEqual(['Första', 'Andra'])
        expect((await store.boards.get(first.id))?.updatedAt).toBe(second.updatedAt + 1000)
      })

      it('gives null for an unknown board', async () => {
        expect(await store.boards.get('no-such-board')).toBeNull()
      })

      it('takes a member’s role away, after which the board is not listed for them', async () => {
        const { board } = await facilitatorWithBoard()
        const member = await store.users.create(bertil)
        await store.boards.setRole(board.id, member.id, 'participant')
        expect(await store.boards.removeMember(board.id, member.id)).toBe(true)
        expect(await store.boards.roleOf(board.id, member.id)).toBeNull()
        expect(await store.boards.listForUser(member.id)).toEqual([])
      })

      it('answers false when removing someone who had no role on the board', async () => {
        const { board } = await facilitatorWithBoard()
        const outsider = await store.users.create(bertil)
        expect(await store.boards.removeMember(board.id, outsider.id)).toBe(false)
        expect(await store.boards.removeMember('no-such-board', outsider.id)).toBe(false)
      })

      it('removes a member from one board only', async () => {
        const { user, board } = await facilitatorWithBoard()
        const other = await store.boards.create({
          name: 'Annan',
          locale: 'sv',
          createdBy: user.id,
          initialState: createBoardState({ name: 'Annan', locale: 'sv', includeStarterNotes: false }),
        })
        const member = await store.users.create(bertil)
        await store.boards.setRole(board.id, member.id, 'participant')
        await store.boards.setRole(other.id, member.id, 'observer')
        await store.boards.removeMember(board.id, member.id)
        expect(await store.boards.roleOf(other.id, member.id)).toBe('observer')
        expect(await store.boards.roleOf(board.id, user.id)).toBe('facilitator')
      })

      it('lists members with name, email and role: facilitators first, then by name', async () => {
        const { user, board } = await facilitatorWithBoard()
        const people = [
          ['orjan@bibliotek.example.se', 'Örjan Ek', 'facilitator'],
          ['cecilia@bibliotek.example.se', 'Cecilia Ström', 'observer'],
          ['bertil@bibliotek.example.se', 'bertil Ek', 'participant'],
          ['david@bibliotek.example.se', 'David Ås', 'participant'],
        ] as const
        for (const [email, name, role] of people) {
          const member = await store.users.create({ email, name, passwordHash: null })
          await store.boards.setRole(board.id, member.id, role)
        }
        await store.users.create({ email: 'outsider@bibliotek.example.se', name: 'Ada Utanför', passwordHash: null })

        const members = await store.boards.members(board.id)
        expect(members.map((m) => [m.name, m.role])).toEqual([
          ['Anna Lind', 'facilitator'],
          ['Örjan Ek', 'facilitator'],
          ['bertil Ek', 'participant'],
          ['Cecilia Ström', 'observer'],
          ['David Ås', 'participant'],
        ])
        expect(members[0]).toEqual({ userId: user.id, name: 'Anna Lind', email: anna.email, role: 'facilitator' })
      })

      it('lists no members for an unknown board', async () => {
        expect(await store.boards.members('no-such-board')).toEqual([])
      })
    })

    describe('documents', () => {
      it('stores the board’s initial state with the board', async () => {
        const initialState = createBoardState({ name: 'Planeringsdag', locale: 'sv', includeStarterNotes: true, now: 0 })
        const { board } = await facilitatorWithBoard(initialState)
        const loaded = docFrom(await store.docs.loadDoc(board.id))
        const view = readBoard(loaded, 'sv')
        expect(view.name).toBe('Planeringsdag')
        expect(view.noteCount).toBe(31)
      })

      it('numbers appended updates in increasing order and loads them in that order', async () => {
        const { initialState, edits } = boardWithEdits()
        const { board } = await facilitatorWithBoard(initialState)
        const first = await store.docs.appendUpdates(board.id, [edits[0]])
        const last = await store.docs.appendUpdates(board.id, [edits[1], edits[2]])
        expect(first).toBeGreaterThan(0)
        expect(last).toBeGreaterThan(first)
        const stored = await store.docs.loadDoc(board.id)
        expect(stored.snapshot).toBeNull()
        expect(stored.updates).toEqual([initialState, ...edits])
        expect(stored.lastSeq).toBe(last)
      })

      it('refuses to append nothing', async () => {
        const { board } = await facilitatorWithBoard()
        await expect(store.docs.appendUpdates(board.id, [])).rejects.toThrow()
      })

      it('keeps the boards’ documents apart', async () => {
        const { initialState, edits } = boardWithEdits()
        const { user, board } = await facilitatorWithBoard(initialState)
        const other = await store.boards.create({ name: 'Annan', locale: 'sv', createdBy: user.id, initialState })
        await store.docs.appendUpdates(board.id, edits)
        expect((await store.docs.loadDoc(other.id)).updates).toEqual([initialState])
      })

      it('replaces the updates a snapshot covers and keeps the later ones', async () => {
        const { doc, initialState, edits } = boardWithEdits()
        const { board } = await facilitatorWithBoard(initialState)
        await store.docs.appendUpdates(board.id, [edits[0]])
        const throughSeq = await store.docs.appendUpdates(board.id, [edits[1]])
        const lastSeq = await store.docs.appendUpdates(board.id, [edits[2]])

        const snapshot = Y.mergeUpdates([initialState, edits[0], edits[1]])
        await store.docs.compactDoc(board.id, snapshot, throughSeq)

        const stored = await store.docs.loadDoc(board.id)
        expect(stored.snapshot).toEqual(snapshot)
        expect(stored.updates).toEqual([edits[2]])
        expect(stored.lastSeq).toBe(lastSeq)
        const loaded = docFrom(stored)
        expect(readRecords(loaded)).toEqual(readRecords(doc))
        expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(doc))
      })

      it('does not move the snapshot backwards for an older compaction', async () => {
        const { doc, initialState, edits } = boardWithEdits()
        const { board } = await facilitatorWithBoard(initialState)
        const firstSeq = await store.docs.appendUpdates(board.id, [edits[0]])
        const lastSeq = await store.docs.appendUpdates(board.id, [edits[1], edits[2]])

        const full = Y.encodeStateAsUpdate(doc)
        await store.docs.compactDoc(board.id, full, lastSeq)
        await store.docs.compactDoc(board.id, Y.mergeUpdates([initialState, edits[0]]), firstSeq)

        const stored = await store.docs.loadDoc(board.id)
        expect(stored.snapshot).toEqual(full)
        expect(stored.updates).toEqual([])
        expect(stored.lastSeq).toBe(lastSeq)
        expect(readRecords(docFrom(stored))).toEqual(readRecords(doc))
      })

      it('reports the stored size in bytes and pending updates', async () => {
        const { initialState, edits } = boardWithEdits()
        const { board } = await facilitatorWithBoard(initialState)
        expect(await store.docs.docSize(board.id)).toEqual({ bytes: initialState.byteLength, updates: 1 })

        await store.docs.appendUpdates(board.id, edits)
        expect(await store.docs.docSize(board.id)).toEqual({ bytes: sum([initialState, ...edits]), updates: 4 })

        const throughSeq = (await store.docs.loadDoc(board.id)).lastSeq
        const snapshot = Y.mergeUpdates([initialState, ...edits])
        await store.docs.compactDoc(board.id, snapshot, throughSeq)
        expect(await store.docs.docSize(board.id)).toEqual({ bytes: snapshot.byteLength, updates: 0 })
      })

      it('reports an empty size for a board that has no document', async () => {
        expect(await store.docs.docSize('no-such-board')).toEqual({ bytes: 0, updates: 0 })
      })

      it('keeps a board’s private documents apart from its own and lists them by prefix', async () => {
        const { initialState, edits } = boardWithEdits()
        const { board } = await facilitatorWithBoard(initialState)
        const mine = privateDocId(board.id, 'user-a')
        const theirs = privateDocId(board.id, 'guest:b')
        await store.docs.appendUpdates(mine, [edits[0]])
        await store.docs.appendUpdates(theirs, [edits[1]])
        await store.docs.compactDoc(theirs, edits[1], (await store.docs.loadDoc(theirs)).lastSeq)
        await store.docs.appendUpdates(privateDocId('other-board', 'user-a'), [edits[2]])

        expect(await store.docs.listDocIds(privateDocPrefix(board.id))).toEqual([theirs, mine].sort())
        expect((await store.docs.loadDoc(mine)).updates).toHaveLength(1)
        expect((await store.docs.loadDoc(board.id)).updates).toEqual([initialState])
        expect(await store.docs.listDocIds(privateDocPrefix('nothing-here'))).toEqual([])
      })
    })

    describe('secrets', () => {
      it('generates a secret once and returns the same one afterwards', async () => {
        const first = await store.getOrCreateSecret('session', () => 'generated-first')
        const second = await store.getOrCreateSecret('session', () => 'generated-second')
        expect(first).toBe('generated-first')
        expect(second).toBe('generated-first')
      })

      it('keeps each named secret apart', async () => {
        await store.getOrCreateSecret('session', () => 'one')
        expect(await store.getOrCreateSecret('other', () => 'two')).toBe('two')
      })
    })

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined()
    })
  })

  describeInviteContract(name, open)
  describeSnapshotContract(name, open)
  describeLifecycleContract(name, open)
  describeRoundContract(name, open)
}
