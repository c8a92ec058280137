/**
 * One member floods a workshop-sized board, on it and in a private round; the facilitator sees
 * who wrote how many and removes that person's notes — everywhere, after a snapshot that
 * undoes it — while everyone else's stay, and the reveal publishes only the others'.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createShapeId, type TLNoteShape } from '@tldraw/tlschema'
import type { JsonObject } from '@tldraw/utils'
import { privateDocId } from '../../lib/board/docIds'
import { noteMeta, readNoteMeta } from '../../lib/board/noteMeta'
import { buildNoteRecord, notesIn } from '../../lib/board/noteRecord'
import { readSession } from '../../lib/board/session'
import { arrangeRecords, mapOfRecords } from '../../lib/board/arrangeRecords'
import { readRecords, setRecords } from '../../lib/board/docLayout'
import { CELL_STEP } from '../../lib/board/mapFlow'
import { AREAS, type AreaId } from '../../lib/planning/planningModel'
import { countNotesByAuthor, removeNotesByAuthor } from '../../lib/facilitation/authorNotes'
import { privateDocPrefix } from '../../lib/board/docIds'
import { joinWithToken, type BoardClient } from '../helpers/boardClients'
import { createCleanup } from '../helpers/cleanup'
import { cleanReport, layoutReportOf } from '../helpers/layoutCheck'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
let harness: SyncHarness
let serial = 0

beforeAll(async () => {
  harness = await startSyncHarness()
})
afterAll(() => harness.close())
afterEach(() => cleanup.run())

/** A note that names `claims` as its author (the server puts the writer's own name there). */
function note(text: string, claims: { id: string; name: string }, extra: JsonObject = {}, areaId: AreaId = 'framtid'): TLNoteShape {
  const n = ++serial
  const built = buildNoteRecord({
    id: createShapeId(`a-${n}-${Math.random().toString(36).slice(2)}`),
    x: (n % 40) * 220,
    y: Math.floor(n / 40) * 220,
    text,
    meta: noteMeta({ areaId, createdAt: 1_700_000_000_000 + n, createdBy: claims }),
  })
  return { ...built, meta: { ...built.meta, ...extra } }
}

async function member(boardId: string, name: string) {
  const user = await harness.services.store.users.create({ email: `${name}.${boardId}@example.org`, name, passwordHash: null })
  await harness.services.store.boards.setRole(boardId, user.id, 'participant')
  const token = await harness.mintToken({ boardId, userId: user.id, name, role: 'participant' })
  const join = (room: string) => joinWithToken(cleanup, harness.syncUrl, room, token)
  return { id: user.id, name, board: await join(boardId), ownRoom: () => join(privateDocId(boardId, user.id)) }
}

const write = (client: BoardClient, notes: TLNoteShape[]) => client.doc.transact(() => setRecords(client.doc, notes))
const authorsOn = (client: BoardClient) => notesIn(client.doc).map((n) => readNoteMeta(n.meta).createdBy?.id ?? null)
const count = (items: (string | null)[], id: string) => items.filter((x) => x === id).length

describe("removing one person's notes", () => {
  it('takes a 300-note flood and 150 private ones away, keeps the other 200, and a snapshot brings them back', async () => {
    const boardId = await harness.createBoard()
    const context = harness.services.context
    const eva = await member(boardId, 'Eva')
    const flo = await member(boardId, 'Flo')
    const per = await member(boardId, 'Per')
    // Eva writes 200 ideas; Flo 300 at once, some claiming to be Eva's (the server says whose).
    write(
      eva.board,
      Array.from({ length: 200 }, (_, i) => note(`Evas idé ${i}`, eva)),
    )
    write(
      flo.board,
      Array.from({ length: 300 }, (_, i) => note(`Skräp ${i}`, i % 10 === 0 ? eva : flo)),
    )
    await eventually(() => expect(notesIn(per.board.doc)).toHaveLength(500), 15_000)
    expect(count(authorsOn(per.board), flo.id)).toBe(300)

    // A private round: Flo floods their private document, Per writes three ideas.
    await harness.facilitate({ type: 'private.start' }, { boardId })
    const roundId = await context.sync.readDoc(boardId, (doc) => readSession(doc).privateRound!.id)
    const floOwn = await flo.ownRoom()
    const perOwn = await per.ownRoom()
    write(
      floOwn,
      Array.from({ length: 150 }, (_, i) => note(`Privat skräp ${i}`, flo, { privateRound: roundId })),
    )
    write(
      perOwn,
      Array.from({ length: 3 }, (_, i) => note(`Pers privata idé ${i}`, per, { privateRound: roundId })),
    )
    const listDocs = (id: string) => harness.services.store.docs.listDocIds(privateDocPrefix(id))
    // The zones keep room for the largest share: Flo's 150 in Framtid.
    const room = () => context.sync.readDoc(boardId, (doc) => readSession(doc).privateRoom?.areas)
    await eventually(async () => expect(await room()).toEqual({ framtid: 150 }), 10_000)
    await eventually(async () => {
      const { anonymous, authors } = await countNotesByAuthor(boardId, context.sync, listDocs)
      expect(anonymous).toBe(false)
      expect(authors).toEqual([
        { id: flo.id, name: 'Flo', notes: 300, privateNotes: 150 },
        { id: eva.id, name: 'Eva', notes: 200, privateNotes: 0 },
        { id: per.id, name: 'Per', notes: 0, privateNotes: 3 },
      ])
    }, 10_000)

    // The keeper has laid out the 500 and grown Framtid for them and the 150 kept cells.
    await eventually(() => expect(layoutReportOf(per.board.doc)).toEqual(cleanReport(500)), 20_000)
    const result = await removeNotesByAuthor(boardId, flo.id, {
      sync: context.sync,
      snapshots: context.snapshots,
      by: { id: harness.userId, name: 'Test Facilitator' },
      snapshotName: (name) => `Före borttagning av lappar skrivna av ${name}`,
      privateDocs: listDocs,
    })
    expect(result).toMatchObject({ removed: 300, privateRemoved: 150, snapshot: { name: 'Före borttagning av lappar skrivna av Flo' } })
    // Everyone sees Eva's 200 and nothing of Flo's; Flo's own private document is empty.
    await eventually(() => expect(authorsOn(per.board)).toEqual(Array(200).fill(eva.id)), 10_000)
    await eventually(() => expect(notesIn(floOwn.doc)).toHaveLength(0), 10_000)
    expect(notesIn(perOwn.doc)).toHaveLength(3)
    // The room kept for the flood goes with it: Per's three are what is left to keep room for
    // (Framtid no longer keeps 150 cells free for notes that are gone), and the board is clean.
    expect(await room()).toEqual({ framtid: 3 })
    await eventually(() => expect(layoutReportOf(per.board.doc)).toEqual(cleanReport(200)), 20_000)

    // The reveal publishes Per's three, none of Flo's.
    await harness.facilitate({ type: 'private.reveal' }, { boardId })
    await eventually(() => expect(notesIn(eva.board.doc)).toHaveLength(203), 10_000)
    expect(count(authorsOn(eva.board), flo.id)).toBe(0)

    // The snapshot taken first holds the board as it was: restoring it undoes the removal.
    const snapshot = await harness.services.store.snapshots.get(boardId, result.snapshot!.id)
    expect(snapshot?.noteCount).toBe(500)
    await context.snapshots.restoreInPlace(boardId, result.snapshot!.id, { id: harness.userId, name: 'Test Facilitator' })
    await eventually(() => expect(count(authorsOn(eva.board), flo.id)).toBe(300), 10_000)
  }, 60_000)

  it('removes nothing and takes no snapshot for a person with no notes, or on an anonymous board', async () => {
    const boardId = await harness.createBoard()
    const context = harness.services.context
    const eva = await member(boardId, 'Eva')
    write(
      eva.board,
      Array.from({ length: 30 }, (_, i) => note(`Idé ${i}`, eva)),
    )
    await eventually(async () => expect(await context.sync.readDoc(boardId, (doc) => notesIn(doc).length)).toBe(30), 10_000)
    const options = {
      sync: context.sync,
      snapshots: context.snapshots,
      by: { id: harness.userId, name: 'Test Facilitator' },
      snapshotName: (name: string) => `Före ${name}`,
      privateDocs: (id: string) => harness.services.store.docs.listDocIds(privateDocPrefix(id)),
    }
    expect(await removeNotesByAuthor(boardId, 'nobody', options)).toEqual({ removed: 0, privateRemoved: 0, snapshot: null })

    // An anonymous board: new notes carry no author, so none can be taken by author.
    await harness.facilitate({ type: 'board.anonymous', anonymous: true }, { boardId })
    const anna = await member(boardId, 'Anna')
    write(
      anna.board,
      Array.from({ length: 20 }, (_, i) => note(`Anonym ${i}`, anna)),
    )
    await eventually(async () => expect(await context.sync.readDoc(boardId, (doc) => notesIn(doc).length)).toBe(50), 10_000)
    expect(await removeNotesByAuthor(boardId, anna.id, options)).toEqual({ removed: 0, privateRemoved: 0, snapshot: null })
    const listed = await countNotesByAuthor(boardId, context.sync, (id) => harness.services.store.docs.listDocIds(privateDocPrefix(id)))
    expect(listed.anonymous).toBe(true)
    expect(listed.authors.map((a) => a.id)).not.toContain(anna.id)
    expect(await harness.services.store.snapshots.list(boardId)).toEqual([])
  }, 60_000)

  it('gives a zone flooded by 300 notes its room back: on a 500-note board it returns to its size before the flood', async () => {
    const boardId = await harness.createBoard()
    const context = harness.services.context
    const eva = await member(boardId, 'Eva')
    const flo = await member(boardId, 'Flo')
    const zoneOf = (client: BoardClient) => mapOfRecords(readRecords(client.doc))!.map.areas.ekonomi
    // A workshop's 500 ideas over the eight areas, laid out by the keeper.
    write(
      eva.board,
      Array.from({ length: 500 }, (_, i) => note(`Evas idé ${i}`, eva, {}, AREAS[i % AREAS.length].id)),
    )
    await eventually(() => expect(layoutReportOf(eva.board.doc)).toEqual(cleanReport(500)), 30_000)
    const before = zoneOf(eva.board)

    // Flo floods Ekonomi; Eva writes three more ideas there after it (they land at its far end).
    write(
      flo.board,
      Array.from({ length: 300 }, (_, i) => note(`Skräp ${i}`, flo, {}, 'ekonomi')),
    )
    await eventually(() => expect(layoutReportOf(eva.board.doc)).toEqual(cleanReport(800)), 30_000)
    write(
      eva.board,
      Array.from({ length: 3 }, (_, i) => note(`Sen idé ${i}`, eva, {}, 'ekonomi')),
    )
    await eventually(() => expect(layoutReportOf(eva.board.doc)).toEqual(cleanReport(803)), 30_000)
    const flooded = zoneOf(eva.board)
    expect(flooded.w * flooded.h).toBeGreaterThan(4 * before.w * before.h)

    // Removed as the route removes them (app/api/boards/[boardId]/authors/[userId]/notes).
    const result = await removeNotesByAuthor(boardId, flo.id, {
      sync: context.sync,
      snapshots: context.snapshots,
      by: { id: harness.userId, name: 'Test Facilitator' },
      snapshotName: (name) => `Före borttagning av lappar skrivna av ${name}`,
      privateDocs: (id) => harness.services.store.docs.listDocIds(privateDocPrefix(id)),
    })
    expect(result.removed).toBe(300)
    await eventually(() => {
      expect(notesIn(eva.board.doc)).toHaveLength(503)
      expect(layoutReportOf(eva.board.doc)).toEqual(cleanReport(503))
      const zone = zoneOf(eva.board)
      // 63 ideas where there were 60: at most a row more than before the flood.
      expect(zone.w).toBe(before.w)
      expect(zone.h).toBeLessThanOrEqual(before.h + CELL_STEP)
    }, 20_000)
    // The keeper agrees: its layout over what the removal left changes nothing.
    expect(arrangeRecords(readRecords(eva.board.doc), { shrink: true })).toEqual([])
  }, 90_000)
})
