/**
 * A person's rights, through the server's own services on a real SQLite file and a real sync
 * server: their data export holds everything that names them, and removing them leaves
 * nothing that does — in any table, in the stored documents, in snapshots — while their notes
 * and votes stay on the board. Ending someone's sessions closes their sockets.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { privateDocId } from '../../lib/board/docIds'
import { noteMeta } from '../../lib/board/noteMeta'
import { REMOVED_PERSON_ID } from '../../lib/board/personData'
import { readBoard } from '../../lib/board/readModel'
import { setRecords, votesMap } from '../../lib/board/docLayout'
import { makeNoteShape } from '../../lib/board/testing/makeNoteShape'
import { tallyVotes } from '../../lib/board/votes'
import { writeSession } from '../../lib/board/session'
import type { StoreDump } from '../../lib/store/types'
import { CloseCode } from '../../server/sync/protocol'
import { joinBoard } from '../helpers/boardClients'
import { createCleanup } from '../helpers/cleanup'
import { startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
afterEach(() => cleanup.run())

const admin = { id: 'admin-id', name: 'Admin' }
const NAME = 'Bertil Ekström'
const EMAIL = 'bertil.ekstrom@bibliotek.example.se'

/** Every stored byte and value, as text, per table. */
function tablesMentioning(dump: StoreDump, needle: string): string[] {
  return Object.entries(dump)
    .filter(([, rows]) =>
      rows.some((row) =>
        Object.values(row).some((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v)).includes(needle)),
      ),
    )
    .map(([table]) => table)
}

async function setUp(): Promise<{ h: SyncHarness; bertil: string }> {
  const h = await startSyncHarness()
  cleanup.add(() => h.close())
  const { store } = h.services
  const bertil = (await store.users.create({ email: EMAIL, name: NAME, passwordHash: null })).id
  await store.boards.setRole(h.boardId, bertil, 'participant')
  const author = { id: bertil, name: NAME }
  await h.services.sync.changeDoc(h.boardId, (doc) => {
    setRecords(doc, [
      makeNoteShape({
        id: 'b1',
        x: -1000,
        y: -1000,
        text: 'Bertils idé om läsfrämjande',
        meta: noteMeta({ areaId: null, createdAt: 1, createdBy: author }),
      }),
      makeNoteShape({
        id: 'a1',
        x: -1200,
        y: -1000,
        text: 'Någon annans idé',
        meta: noteMeta({ areaId: null, createdBy: { id: h.userId, name: 'Test Facilitator' } }),
      }),
    ])
    votesMap(doc).set(`round-1/${bertil}/b1`, { n: 2, who: NAME })
    writeSession(doc, { summon: { id: 's1', userId: bertil, name: NAME, at: 1 } })
  })
  await h.services.sync.changeDoc(privateDocId(h.boardId, bertil), (doc) => {
    setRecords(doc, [makeNoteShape({ id: 'p1', x: 0, y: 0, text: 'Hemlig', meta: noteMeta({ areaId: null, createdBy: author }) })])
  })
  await h.services.snapshots.take(h.boardId, 'Efter röstning', author)
  await store.audit.append({ actor: author, action: 'sign-in', boardId: null, targetId: null, detail: 'credentials' })
  return { h, bertil }
}

describe('a person’s data', () => {
  it('exports everything that names the person', async () => {
    const { h, bertil } = await setUp()
    const data = (await h.services.context.people.exportData(bertil, admin)) as Record<string, any>
    expect(data.format).toBe('strategitavlan-personal-data')
    expect(data.person).toMatchObject({ kind: 'staff', id: bertil, name: NAME, email: EMAIL, hasPassword: false })
    expect(JSON.stringify(data)).not.toContain('passwordHash')
    expect(data.memberships).toEqual([{ boardId: h.boardId, boardName: 'Test board', role: 'participant' }])
    const board = data.onBoards.find((entry: any) => entry.doc === 'board')
    expect(board.content.records.map((r: any) => r.text)).toEqual(['Bertils idé om läsfrämjande'])
    expect(board.content.votes).toEqual([{ roundId: 'round-1', noteId: 'b1', n: 2 }])
    expect(data.onBoards.find((entry: any) => entry.doc === 'private').content.records[0].text).toBe('Hemlig')
    expect(data.snapshotsTaken.map((s: any) => s.name)).toEqual(['Efter röstning'])
    expect(data.auditLog.map((e: any) => e.action)).toEqual(['sign-in'])
    // The export itself is logged.
    expect((await h.services.store.audit.listAbout(bertil)).map((e) => e.action)).toEqual(['sign-in', 'data-exported'])
    expect(await h.services.context.people.exportData('no-such-person', admin)).toBeNull()
  })

  it('removing the person leaves nothing that names them, and keeps their notes and votes', async () => {
    const { h, bertil } = await setUp()
    const socket = await joinBoard(h, cleanup, { userId: bertil, role: 'participant', name: NAME })
    expect(tablesMentioning(await h.services.store.dump(), NAME).sort()).toEqual(
      ['audit_log', 'board_snapshots', 'doc_updates', 'users'].sort(),
    )

    expect(await h.services.context.people.remove(bertil, admin)).toBe(true)
    expect((await socket.closed).code).toBe(CloseCode.forbidden)
    await h.services.sync.close()
    const dump = await h.services.store.dump()
    expect(tablesMentioning(dump, NAME)).toEqual([])
    expect(tablesMentioning(dump, EMAIL)).toEqual([])

    const stored = new Y.Doc()
    const { snapshot, updates } = await h.services.store.docs.loadDoc(h.boardId)
    if (snapshot) Y.applyUpdate(stored, snapshot)
    for (const update of updates) Y.applyUpdate(stored, update)
    const notes = readBoard(stored, 'sv').unplaced
    expect(notes.map((n) => [n.text, n.createdBy])).toEqual(
      expect.arrayContaining([
        ['Bertils idé om läsfrämjande', { id: REMOVED_PERSON_ID, name: 'borttagen användare' }],
        ['Någon annans idé', { id: h.userId, name: 'Test Facilitator' }],
      ]),
    )
    expect(tallyVotes(stored, 'round-1').get('b1')).toBe(2)
    expect(await h.services.store.users.get(bertil)).toBeNull()
    expect((await h.services.store.audit.list())[0]).toMatchObject({ action: 'person-removed', targetId: bertil, actor: admin })
  })

  it('removes a guest and their name', async () => {
    const { h } = await setUp()
    const { store } = h.services
    const invite = await store.invites.create({
      boardId: h.boardId,
      role: 'participant',
      label: null,
      createdBy: h.userId,
      expiresAt: Date.now() + 60_000,
      tokenHash: 'b'.repeat(64),
    })
    const guest = await store.guests.create({ boardId: h.boardId, inviteId: invite.id, name: 'Gästen Gunilla' })
    const guestId = `guest:${guest.id}`
    await h.services.sync.changeDoc(h.boardId, (doc) => {
      setRecords(doc, [
        makeNoteShape({
          id: 'g1',
          x: 0,
          y: 0,
          text: 'Gästidé',
          meta: noteMeta({ areaId: null, createdBy: { id: guestId, name: 'Gästen Gunilla' } }),
        }),
      ])
    })
    const data = (await h.services.context.people.exportData(guestId, admin)) as Record<string, any>
    expect(data.person).toMatchObject({ kind: 'guest', name: 'Gästen Gunilla', boardId: h.boardId })
    expect(await h.services.context.people.remove(guestId, admin)).toBe(true)
    await h.services.sync.close()
    expect(tablesMentioning(await store.dump(), 'Gunilla')).toEqual([])
  })

  it('ending a person’s sessions closes their sockets and keeps them from rejoining with an older token', async () => {
    const { h, bertil } = await setUp()
    const socket = await joinBoard(h, cleanup, { userId: bertil, role: 'participant', name: NAME })
    expect(await h.services.context.people.endSessions(bertil, admin)).toBe(true)
    expect((await socket.closed).code).toBeGreaterThanOrEqual(4400)
    expect((await h.services.store.users.get(bertil))?.sessionsValidAfter).toBeGreaterThan(0)
  })
})
