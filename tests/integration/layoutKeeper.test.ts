/**
 * The board's layout holds on a real server with real clients: ideas sent at once by many
 * people land in free places in their zones (zones grow, the map re-flows), notes a client
 * drops on top of others or outside their zone are moved back by the server's layout keeper,
 * a note someone is still editing is left alone, an older board is migrated when it loads, and
 * two nodes sharing a board through Redis agree instead of fighting.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createShapeId, type TLNoteShape, type TLRecord } from '@tldraw/tlschema'
import { AREAS, AREA_IDS, type AreaId } from '../../lib/planning/planningModel'
import { readBoard } from '../../lib/board/readModel'
import { readBoardMeta, readRecords, setRecords, writeBoardMeta, deleteRecords } from '../../lib/board/docLayout'
import { buildNoteRecord } from '../../lib/board/noteRecord'
import { noteMeta } from '../../lib/board/noteMeta'
import { TEMPLATE_VERSION, TRAY_SHAPE_ID, areaShapeId } from '../../lib/board/template'
import { readSession, writeSession } from '../../lib/board/session'
import { layoutItemsOf } from '../../lib/board/arrangeRecords'
import { NOTE_SIZE, ZONE_PADDING } from '../../lib/board/templateLayout'
import { spotForNewNote } from '../../lib/board/boardLayout'
import { privateDocId } from '../../lib/board/docIds'
import { privateNoteMoves } from '../../lib/board/privateNotes'
import { sendIdea } from '../../lib/facilitation/sendIdea'
import { createRedisFanout } from '../../server/sync/redisFanout'
import { silentLogger } from '../../server/logger'
import { joinBoard, joinWithToken, type BoardClient } from '../helpers/boardClients'
import { createCleanup } from '../helpers/cleanup'
import { cleanReport, layoutReport, layoutReportOf } from '../helpers/layoutCheck'
import { requireRedis, startRedis, type RedisServer } from '../helpers/redisServer'
import { eventually, prepareDatabase, startSyncHarness, tempDbPath, type SyncHarness } from '../helpers/syncHarness'
import { startSyncNode, type SyncNode } from '../helpers/syncNode'

const cleanup = createCleanup()
let harness: SyncHarness

beforeAll(async () => {
  harness = await startSyncHarness()
})
afterAll(() => harness.close())
afterEach(() => cleanup.run())

let serial = 0
function note(areaId: AreaId | null, x: number, y: number, text?: string): TLNoteShape {
  const n = ++serial
  return buildNoteRecord({
    id: createShapeId(`n-${n}-${Math.random().toString(36).slice(2)}`),
    x,
    y,
    text: text ?? `Idé ${n}`,
    meta: noteMeta({ areaId, createdAt: 1_700_000_000_000 + n }),
  })
}

function areasOf(doc: Y.Doc): Map<string, AreaId | null> {
  return new Map(
    [...readRecords(doc).values()]
      .filter((r): r is TLNoteShape => r.typeName === 'shape' && r.type === 'note')
      .map((n) => [n.id, (n.meta.areaId ?? null) as AreaId | null]),
  )
}

describe('the layout keeper', () => {
  it('takes 30 ideas per area plus 150 in one, sent at once by six people, each into a free place in its zone', async () => {
    const boardId = await harness.createBoard({ starterNotes: true })
    const people = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const user = await harness.services.store.users.create({
          email: `p${i}.${boardId}@example.org`,
          name: `Person ${i}`,
          passwordHash: null,
        })
        await harness.services.store.boards.setRole(boardId, user.id, 'participant')
        return { userId: user.id, name: `Person ${i}`, role: 'participant' as const }
      }),
    )
    const ideas: { areaId: AreaId; text: string }[] = []
    for (const areaId of AREA_IDS) for (let i = 0; i < 30; i++) ideas.push({ areaId, text: `${areaId} ${i}` })
    for (let i = 0; i < 150; i++) ideas.push({ areaId: 'ekonomi', text: `Budget ${i}: ${'ord '.repeat(i % 40)}` })
    const results = await Promise.all(ideas.map((idea, i) => sendIdea(harness.services.sync, boardId, people[i % people.length], idea)))
    expect(results.every((r) => r.ok)).toBe(true)

    const reader = await joinBoard(harness, cleanup, { boardId, role: 'observer' })
    await eventually(() => expect(readBoard(reader.doc, 'sv').noteCount).toBeGreaterThanOrEqual(ideas.length), 15_000)
    const report = layoutReportOf(reader.doc)
    expect({ ...report, items: 0 }).toEqual(cleanReport(0))
    const view = readBoard(reader.doc, 'sv')
    expect(view.unplaced).toEqual([])
    const rows = view.steps.flatMap((s) => s.areas).reduce((n, a) => n + a.notes.length, 0)
    expect(rows).toBe(view.noteCount)
    expect(
      view.steps
        .flatMap((s) => s.areas)
        .find((a) => a.id === 'ekonomi')!
        .notes.filter((n) => !n.starter),
    ).toHaveLength(180)
  }, 120_000)

  it('keeps room in a full zone for a private round: three people’s private notes lie in it in their own views, and the reveal places them all', async () => {
    const boardId = await harness.createBoard()
    const facilitator = { userId: harness.userId, name: 'F', role: 'facilitator' as const }
    const zoneOf = (records: ReadonlyMap<string, TLRecord>) => {
      const zone = records.get(areaShapeId('framtid')) as unknown as { x: number; y: number; props: { w: number; h: number } }
      return { x: zone.x, y: zone.y, w: zone.props.w, h: zone.props.h }
    }
    const takenIn = (records: ReadonlyMap<string, TLRecord>) => layoutItemsOf(records).map(({ x, y, w, h }) => ({ x, y, w, h }))
    const isFull = (records: ReadonlyMap<string, TLRecord>) => {
      const zone = zoneOf(records)
      return spotForNewNote(zone, takenIn(records)).y + 200 > zone.y + zone.h
    }
    // Framtid filled to its last cell, as a workshop leaves it.
    let published = 0
    while (published < 12 || !(await harness.services.sync.readDoc(boardId, (doc) => isFull(readRecords(doc))))) {
      expect((await sendIdea(harness.services.sync, boardId, facilitator, { areaId: 'framtid', text: `Framtid ${++published}` })).ok).toBe(
        true,
      )
    }
    const board = await joinBoard(harness, cleanup, { boardId, role: 'observer' })
    await eventually(() => expect(layoutReportOf(board.doc)).toEqual(cleanReport(published)), 10_000)
    const zoneBefore = zoneOf(readRecords(board.doc))

    const command = (type: 'private.start' | 'private.reveal') => harness.facilitate({ type }, { boardId })
    await command('private.start')
    await eventually(() => expect(readSession(board.doc).privateRound?.active).toBe(true))
    const roundId = readSession(board.doc).privateRound!.id
    const people = await Promise.all(
      ['Anna', 'Bertil', 'Cilla'].map(async (name) => {
        const user = await harness.services.store.users.create({ email: `${name}.${boardId}@example.org`, name, passwordHash: null })
        await harness.services.store.boards.setRole(boardId, user.id, 'participant')
        const token = await harness.mintToken({ boardId, userId: user.id, name, role: 'participant' })
        return { name, own: await joinWithToken(cleanup, harness.syncUrl, privateDocId(boardId, user.id), token) }
      }),
    )
    /** What a person's browser holds: the board and their own private notes. */
    const viewOf = (own: Y.Doc) => new Map<string, TLRecord>([...readRecords(board.doc), ...readRecords(own)])
    // Each writes four ideas, as *Lägg till idé* places them: with the zone full, under it.
    for (const [p, person] of people.entries()) {
      for (let i = 0; i < 4; i++) {
        const view = viewOf(person.own.doc)
        const spot = spotForNewNote(zoneOf(view), takenIn(view))
        const idea = note('framtid', spot.x, spot.y, `${person.name}s hemliga idé ${i + 1}`)
        person.own.doc.transact(() =>
          setRecords(person.own.doc, [
            { ...idea, meta: { ...idea.meta, createdAt: 1_800_000_000_000 + p * 10 + i, privateRound: roundId } },
          ]),
        )
      }
    }
    // The server keeps room for four in Framtid, and the board's zone grows to hold it; nobody
    // sees anyone's note.
    await eventually(() => expect(readSession(board.doc).privateRoom).toEqual({ roundId, areas: { framtid: 4 } }), 10_000)
    await eventually(() => expect(zoneOf(readRecords(board.doc)).h).toBeGreaterThan(zoneBefore.h), 10_000)
    await eventually(() => expect(layoutReportOf(board.doc)).toEqual(cleanReport(published)), 10_000)
    // Each browser then moves its notes into that room: in each view, nothing overlaps and every
    // note lies in its zone.
    for (const person of people) {
      const moves = privateNoteMoves(viewOf(person.own.doc))
      const own = readRecords(person.own.doc)
      person.own.doc.transact(() =>
        setRecords(
          person.own.doc,
          [...moves].map(([id, spot]) => ({ ...own.get(id)!, ...spot }) as TLRecord),
        ),
      )
      expect(layoutReport(viewOf(person.own.doc))).toEqual(cleanReport(published + 4))
      expect(privateNoteMoves(viewOf(person.own.doc)).size).toBe(0)
    }

    await command('private.reveal')
    await eventually(() => expect(layoutReportOf(board.doc)).toEqual(cleanReport(published + 12)), 15_000)
    expect(readBoard(board.doc, 'sv').noteCount).toBe(published + 12)
  }, 60_000)
  it('keeps no more than 200 cells in a zone for one person’s flood of private notes', async () => {
    const boardId = await harness.createBoard()
    await harness.facilitate({ type: 'private.start' }, { boardId })
    const roundId = await harness.services.sync.readDoc(boardId, (doc) => readSession(doc).privateRound!.id)
    const flooder = await harness.services.store.users.create({ email: `flood.${boardId}@example.org`, name: 'Flod', passwordHash: null })
    await harness.services.store.boards.setRole(boardId, flooder.id, 'participant')
    const own = await joinWithToken(
      cleanup,
      harness.syncUrl,
      privateDocId(boardId, flooder.id),
      await harness.mintToken({ boardId, userId: flooder.id, name: 'Flod', role: 'participant' }),
    )
    // 600 notes on one spot, all in Framtid, written as one update by a member's own client.
    const flood = Array.from({ length: 600 }, () => {
      const idea = note('framtid', 0, 0, 'Flod')
      return { ...idea, meta: { ...idea.meta, privateRound: roundId } }
    })
    own.doc.transact(() => setRecords(own.doc, flood))
    const board = await joinBoard(harness, cleanup, { boardId, role: 'observer' })
    await eventually(() => expect(readSession(board.doc).privateRoom).toEqual({ roundId, areas: { framtid: 200 } }), 10_000)
    // The board stays whole and holds none of them.
    await eventually(() => expect(layoutReportOf(board.doc)).toEqual(cleanReport(0)), 10_000)
    expect(own.closeCodes).toEqual([])
  }, 60_000)

  it('gives a zone its empty rows back once notes are deleted, moving none within its zone — not while a private round runs', async () => {
    const boardId = await harness.createBoard()
    const client = await joinBoard(harness, cleanup, { boardId, role: 'participant' })
    const zone = () => layoutItemsOfMap(client.doc)
    const ideas = Array.from({ length: 90 }, () => note('besokare', 0, 0))
    client.doc.transact(() => setRecords(client.doc, ideas))
    await eventually(() => expect(layoutReportOf(client.doc)).toEqual(cleanReport(90)), 15_000)
    const grown = zone()
    const grownHeight = grown.rect.h
    // Within the zone, where each of the first 30 lies: trimming must not change it.
    const firstThirty = ideas.slice(0, 30).map((idea) => idea.id)
    const places = () => firstThirty.map((id) => grown.within(id))

    // During a private round the zone keeps its size: people's private notes may lie in it.
    await harness.facilitate({ type: 'private.start' }, { boardId })
    client.doc.transact(() =>
      deleteRecords(
        client.doc,
        ideas.slice(30).map((idea) => idea.id),
      ),
    )
    // A sentinel dropped outside its zone: once the keeper has moved it, it has looked at the deletion too.
    const sentinel = note('uppdrag', -5000, -5000)
    client.doc.transact(() => setRecords(client.doc, [sentinel]))
    await eventually(() => expect(layoutReportOf(client.doc)).toEqual(cleanReport(31)), 15_000)
    expect(zone().rect.h).toBe(grownHeight)

    // Revealed: the room nobody used goes, and the notes left stay where they were in the zone.
    await harness.facilitate({ type: 'private.reveal' }, { boardId })
    // Down to what the thirty left need: their lowest row and the zone's padding.
    const needed = Math.max(...places().map(([, y]) => y)) + NOTE_SIZE + ZONE_PADDING
    expect(needed).toBeLessThan(0.75 * grownHeight)
    await eventually(() => expect(zone().rect.h).toBe(needed), 15_000)
    const after = zone()
    expect(firstThirty.map((id) => after.within(id))).toEqual(places())
    expect(layoutReportOf(client.doc)).toEqual(cleanReport(31))
  }, 60_000)

  it('moves notes a client drops on top of each other, outside their zone or on a header back into free places, keeping their areas', async () => {
    const boardId = await harness.createBoard()
    const client = await joinBoard(harness, cleanup, { boardId, role: 'participant' })
    const zones = Object.fromEntries(
      AREAS.map((a) => [a.id, readRecords(client.doc).get(areaShapeId(a.id)) as unknown as { x: number; y: number }]),
    )
    const notes: TLNoteShape[] = []
    // Forty notes on one spot, a note far away that says it belongs to Personal, a note on a
    // zone's header with no area.
    for (let i = 0; i < 40; i++) notes.push(note('framtid', zones.framtid.x + 40, zones.framtid.y + 240))
    notes.push(note('personal', -8000, 9000))
    notes.push(note(null, zones.besokare.x + 10, zones.besokare.y + 10))
    client.doc.transact(() => setRecords(client.doc, notes))
    const before = areasOf(client.doc)

    await eventually(() => expect(layoutReportOf(client.doc)).toEqual(cleanReport(42)), 15_000)
    expect(areasOf(client.doc)).toEqual(before)
  })

  it('takes a note left on a locked zone’s border, with no area, into the tray', async () => {
    const boardId = await harness.createBoard()
    await harness.services.sync.changeDoc(boardId, (doc) => writeSession(doc, { lockedAreas: ['personal'] }))
    const participant = await joinBoard(harness, cleanup, { boardId, role: 'participant' })
    const zone = readRecords(participant.doc).get(areaShapeId('personal')) as unknown as { x: number; y: number }
    // Dragged towards the locked zone: its centre stays just outside, so it has no area.
    const stranded = note(null, zone.x - 110, zone.y + 40)
    participant.doc.transact(() => setRecords(participant.doc, [stranded]))
    await eventually(() => {
      const tray = readRecords(participant.doc).get(TRAY_SHAPE_ID) as unknown as { x: number; y: number; props: { w: number; h: number } }
      const placed = readRecords(participant.doc).get(stranded.id) as TLNoteShape
      expect(placed.x).toBeGreaterThanOrEqual(tray.x)
      expect(placed.y).toBeGreaterThanOrEqual(tray.y)
      expect(placed.x + 200).toBeLessThanOrEqual(tray.x + tray.props.w)
      expect(placed.meta.areaId).toBeNull()
    }, 10_000)
    expect(layoutReportOf(participant.doc)).toEqual(cleanReport(1))
  })

  it('leaves a note alone while someone edits it, and moves it once they stop', async () => {
    const boardId = await harness.createBoard()
    const editor = await joinBoard(harness, cleanup, { boardId, role: 'participant' })
    const zone = readRecords(editor.doc).get(areaShapeId('uppdrag')) as unknown as { x: number; y: number }
    const still = note('uppdrag', zone.x + 32, zone.y + 206)
    editor.doc.transact(() => setRecords(editor.doc, [still]))
    await eventually(() => expect(layoutReportOf(editor.doc)).toEqual(cleanReport(1)), 10_000)

    // Someone drags a note over it for two seconds, writing it every 150 ms.
    let dragged = note('uppdrag', zone.x + 50, zone.y + 230)
    for (let i = 0; i < 14; i++) {
      dragged = { ...dragged, x: zone.x + 50 + i, y: zone.y + 230 }
      editor.doc.transact(() => setRecords(editor.doc, [dragged]))
      await new Promise((resolve) => setTimeout(resolve, 150))
      const now = readRecords(editor.doc).get(dragged.id) as TLNoteShape
      expect({ x: now.x, y: now.y }).toEqual({ x: dragged.x, y: dragged.y })
    }
    await eventually(() => expect(layoutReportOf(editor.doc)).toEqual(cleanReport(2)), 10_000)
  })

  it('leaves a new, still empty note where its author made it, so the keys they type first are never overwritten', async () => {
    const boardId = await harness.createBoard()
    const author = await joinBoard(harness, cleanup, { boardId, role: 'participant' })
    const zone = readRecords(author.doc).get(areaShapeId('uppdrag')) as unknown as { x: number; y: number }
    const first = note('uppdrag', zone.x + 32, zone.y + 206)
    author.doc.transact(() => setRecords(author.doc, [first]))
    await eventually(() => expect(layoutReportOf(author.doc)).toEqual(cleanReport(1)), 10_000)

    // A new note, empty and on top of the other, whose author is slow to start typing.
    const fresh = note('uppdrag', zone.x + 40, zone.y + 210, '')
    author.doc.transact(() => setRecords(author.doc, [fresh]))
    await new Promise((resolve) => setTimeout(resolve, 3000))
    // (Even were the zone to shift as the map settles, the note stays where it was made.)
    const waiting = readRecords(author.doc).get(fresh.id) as TLNoteShape
    expect({ x: waiting.x, y: waiting.y }).toEqual({ x: fresh.x, y: fresh.y })

    // Once it holds text, it goes to a free place like any other, text and all.
    const written = { ...note('uppdrag', fresh.x, fresh.y, 'Skrivet till slut'), id: fresh.id, meta: fresh.meta }
    author.doc.transact(() => setRecords(author.doc, [written]))
    await eventually(() => expect(layoutReportOf(author.doc)).toEqual(cleanReport(2)), 10_000)
    const settled = readBoard(author.doc, 'sv')
      .steps.flatMap((step) => step.areas)
      .find((area) => area.id === 'uppdrag')!
    expect(settled.notes.map((n) => n.text)).toHaveLength(2)
    expect(settled.notes.map((n) => n.text)).toContain('Skrivet till slut')
  })

  it('brings a board from before the tray up to the current template when it loads', async () => {
    const boardId = await harness.createBoard({ starterNotes: true })
    await harness.services.sync.changeDoc(boardId, (doc) => {
      deleteRecords(doc, [TRAY_SHAPE_ID])
      writeBoardMeta(doc, { templateVersion: 1 })
    })
    await harness.services.sync.room(boardId)!.close()
    const client = await joinBoard(harness, cleanup, { boardId, role: 'observer' })
    await eventually(() => {
      expect(readBoardMeta(client.doc).templateVersion).toBe(TEMPLATE_VERSION)
      expect(readRecords(client.doc).has(TRAY_SHAPE_ID)).toBe(true)
    }, 10_000)
    expect({ ...layoutReportOf(client.doc), items: 0 }).toEqual(cleanReport(0))
  })
})

describe.runIf(requireRedis('the layout keeper on two nodes'))('the layout keeper on two nodes', () => {
  let redis: RedisServer
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(() => redis?.stop())

  async function node(dbPath: string): Promise<SyncNode> {
    const started = await startSyncNode({ dbPath, fanout: createRedisFanout({ url: redis.url, logger: silentLogger }) })
    cleanup.add(() => started.close())
    return started
  }

  it('agrees across nodes: the board settles once, and then nobody writes', async () => {
    const dbPath = tempDbPath('keeper-nodes')
    const board = await prepareDatabase(dbPath)
    const nodes = [await node(dbPath), await node(dbPath)]
    const clients: BoardClient[] = []
    for (const on of nodes) {
      const { token } = await on.roomTokens.mint({ boardId: board.boardId, userId: board.userId, name: 'F', role: 'facilitator' })
      clients.push(await joinWithToken(cleanup, on.syncUrl, board.boardId, token))
    }
    const zone = readRecords(clients[0].doc).get(areaShapeId('organisation')) as unknown as { x: number; y: number }
    // Both people drop notes on the same spot, through different nodes, at the same time.
    for (const [i, client] of clients.entries()) {
      const batch = Array.from({ length: 25 }, () => note('organisation', zone.x + 40 + i, zone.y + 240))
      client.doc.transact(() => setRecords(client.doc, batch))
    }
    await eventually(() => {
      for (const client of clients) expect(layoutReportOf(client.doc)).toEqual(cleanReport(50))
    }, 20_000)
    // Both documents converge, and then for three seconds (longer than any keeper's wait) no
    // update is written.
    await eventually(() => expect(Y.encodeStateVector(clients[0].doc)).toEqual(Y.encodeStateVector(clients[1].doc)), 10_000)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const vectors = clients.map((c) => Y.encodeStateVector(c.doc))
    await new Promise((resolve) => setTimeout(resolve, 3000))
    clients.forEach((client, i) => expect(Y.encodeStateVector(client.doc)).toEqual(vectors[i]))
    // And both ended with the same document.
    expect(vectors[0]).toEqual(vectors[1])
  }, 60_000)
})

/** Besökare's zone on a client's board, and where an item lies within it. */
function layoutItemsOfMap(doc: Y.Doc) {
  const records = readRecords(doc)
  const rect = records.get(areaShapeId('besokare')) as unknown as { x: number; y: number; props: { h: number } }
  const items = new Map(layoutItemsOf(records).map((item) => [item.id, item]))
  return {
    rect: { x: rect.x, y: rect.y, h: rect.props.h },
    within: (id: string) => [items.get(id)!.x - rect.x, items.get(id)!.y - rect.y],
  }
}
