/**
 * Themes and commitments are records in the board's document: they sync, are stored before
 * they are forwarded (so a restart keeps them), validate against the board schema, and obey
 * the roles — participants group notes into themes, only facilitators make commitments, and
 * observers make nothing.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createShapeId, type TLRecord } from '@tldraw/tlschema'
import { openRecordStore, readRecords } from '../../lib/board/docLayout'
import { buildCommitmentRecord, buildThemeRecord } from '../../lib/board/planRecords'
import { readBoard } from '../../lib/board/readModel'
import { boardSchema } from '../../lib/board/schema'
import { areaShapeId } from '../../lib/board/template'
import { joinBoard } from '../helpers/boardClients'
import { buildNote, hasChangesFrom, loadStoredDoc } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
let harness: SyncHarness

beforeAll(async () => {
  harness = await startSyncHarness()
})
afterAll(() => harness.close())
afterEach(() => cleanup.run())

/** A zone's top-left corner on a new board. */
function zoneCorner(doc: Y.Doc, areaId: 'besokare' | 'ekonomi'): { x: number; y: number } {
  const zone = readRecords(doc).get(areaShapeId(areaId)) as TLRecord & { x: number; y: number }
  return { x: zone.x, y: zone.y }
}

/** A theme of two notes and a commitment made from it, placed in the Besökare zone. */
function planRecords(corner: { x: number; y: number }, key: string) {
  const theme = buildThemeRecord({
    id: createShapeId(`theme-${key}`),
    x: corner.x + 40,
    y: corner.y + 160,
    title: 'Öppettider',
    w: 448,
    h: 268,
  })
  const notes = ['Längre öppettider', 'Öppet på söndagar'].map((text, i) => ({
    ...buildNote({ key: `${key}-note-${i}`, text, x: 16 + i * 216, y: 52 }),
    parentId: theme.id,
    meta: { areaId: 'besokare', createdAt: 1_700_000_000_000 },
  }))
  const commitment = buildCommitmentRecord({
    id: createShapeId(`commitment-${key}`),
    x: corner.x + 520,
    y: corner.y + 160,
    text: 'Utöka öppettiderna på fem filialer',
    owner: 'Anna Lind',
    due: '2027-06-30',
    indicator: 'Besök per öppettimme',
    sources: [{ id: theme.id, kind: 'theme', text: 'Öppettider', votes: 7 }],
  })
  return { theme, notes, commitment, all: [theme, ...notes, commitment] as TLRecord[] }
}

describe('themes and commitments', () => {
  it('validate against the board schema', () => {
    const { all } = planRecords({ x: 0, y: 0 }, 'schema')
    for (const record of all) expect(() => boardSchema.validateRecord(null as never, record, 'initialize', null)).not.toThrow()
    const bad = {
      ...buildCommitmentRecord({ x: 0, y: 0, text: 'x' }),
      props: { ...buildCommitmentRecord({ x: 0, y: 0, text: 'x' }).props, status: 'klart' },
    }
    expect(() => boardSchema.validateRecord(null as never, bad as TLRecord, 'initialize', null)).toThrow()
  })

  it('a facilitator’s theme and commitment reach everyone, are stored, and read back by area', async () => {
    const boardId = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId })
    const participant = await joinBoard(harness, cleanup, { boardId, role: 'participant' })
    const { theme, commitment, all } = planRecords(zoneCorner(facilitator.doc, 'besokare'), 'sync')
    const records = openRecordStore(facilitator.doc)
    facilitator.doc.transact(() => all.forEach((record) => records.set(record.id, record)))

    await eventually(() => expect(readRecords(participant.doc).get(commitment.id)).toEqual(commitment))
    const room = harness.services.sync.room(boardId)!
    await room.drained()
    const stored = await loadStoredDoc(harness.services.store.docs, boardId)
    for (const doc of [participant.doc, stored]) {
      const besokare = readBoard(doc, 'sv').steps[1].areas.find((area) => area.id === 'besokare')!
      expect(besokare.themes).toEqual([
        expect.objectContaining({
          id: theme.id,
          title: 'Öppettider',
          noteIds: [createShapeId('sync-note-0'), createShapeId('sync-note-1')],
        }),
      ])
      expect(besokare.notes.map((note) => note.themeId)).toEqual([theme.id, theme.id])
      expect(besokare.commitments).toEqual([
        expect.objectContaining({
          id: commitment.id,
          owner: 'Anna Lind',
          due: '2027-06-30',
          indicator: 'Besök per öppettimme',
          sources: commitment.props.sources,
        }),
      ])
    }
  })

  it('come back whole from a snapshot restore, and from the store when the room opens again', async () => {
    const boardId = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId })
    const { all } = planRecords(zoneCorner(facilitator.doc, 'besokare'), 'restore')
    const records = openRecordStore(facilitator.doc)
    facilitator.doc.transact(() => all.forEach((record) => records.set(record.id, record)))
    const planOf = (doc: Y.Doc) => {
      const area = readBoard(doc, 'sv').steps[1].areas.find((a) => a.id === 'besokare')!
      // Where they lie is the layout keeper's to decide; what they are and hold must come back.
      const unplaced = <T extends { x: number; y: number }>({ x: _x, y: _y, ...rest }: T) => rest
      return {
        themes: area.themes.map(unplaced),
        commitments: area.commitments.map(unplaced),
        notes: area.notes.map((n) => [n.id, n.text, n.themeId]),
      }
    }
    const made = planOf(facilitator.doc)
    expect(made.themes).toHaveLength(1)
    expect(made.commitments).toHaveLength(1)
    const onServer = () => harness.services.sync.readDoc(boardId, planOf)
    await eventually(async () => expect(await onServer()).toEqual(made))
    const anna = { id: 'user-anna', name: 'Anna Lind' }
    const saved = await harness.services.snapshots.take(boardId, 'Med plan', anna)

    // The theme, its notes and the commitment go; the snapshot brings them back.
    facilitator.doc.transact(() => all.forEach((record) => records.delete(record.id)))
    await eventually(async () => expect(await onServer()).toEqual({ themes: [], commitments: [], notes: [] }))
    expect(await harness.services.snapshots.restoreInPlace(boardId, saved.id, anna)).not.toBeNull()
    await eventually(() => expect(planOf(facilitator.doc)).toEqual(made))

    // Everyone leaves and the room closes; whoever comes next reads them from the store.
    await harness.services.sync.room(boardId)!.drained()
    facilitator.destroy()
    await harness.services.sync.room(boardId)?.close()
    const later = await joinBoard(harness, cleanup, { boardId, role: 'observer' })
    await eventually(() => expect(planOf(later.doc)).toEqual(made))
  })

  it('a participant may group notes into a theme but not make, change or delete a commitment', async () => {
    const boardId = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId })
    const participant = await joinBoard(harness, cleanup, { boardId, role: 'participant' })
    const mine = planRecords(zoneCorner(participant.doc, 'ekonomi'), 'participant')
    const participantRecords = openRecordStore(participant.doc)
    participant.doc.transact(() => mine.all.forEach((record) => participantRecords.set(record.id, record)))
    // The facilitator's own commitment, which the participant then tries to change and delete.
    const theirs = buildCommitmentRecord({ id: createShapeId('facilitators'), x: 0, y: 0, text: 'Facilitatorns åtagande' })
    openRecordStore(facilitator.doc).set(theirs.id, theirs)
    await eventually(() => expect(readRecords(participant.doc).get(theirs.id)).toEqual(theirs))
    participantRecords.set(theirs.id, { ...theirs, props: { ...theirs.props, owner: 'Någon annan' } })
    participantRecords.delete(theirs.id)
    // A sentinel written after the attempts: once it arrives, the attempts have been judged.
    const sentinel = buildNote({ key: 'sentinel', text: 'klar' })
    participantRecords.set(sentinel.id, sentinel)

    const room = harness.services.sync.room(boardId)!
    await eventually(() => expect(readRecords(facilitator.doc).has(sentinel.id)).toBe(true))
    await room.drained()
    for (const doc of [room.doc, facilitator.doc, participant.doc, await loadStoredDoc(harness.services.store.docs, boardId)]) {
      const records = readRecords(doc)
      expect(records.get(mine.theme.id)).toEqual(mine.theme)
      expect(records.has(mine.commitment.id)).toBe(false)
      expect(records.get(theirs.id)).toEqual(theirs)
    }
  })

  it('an observer’s theme and commitment go nowhere', async () => {
    const boardId = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId })
    const observer = await joinBoard(harness, cleanup, { boardId, role: 'observer' })
    const { all } = planRecords(zoneCorner(observer.doc, 'besokare'), 'observer')
    const records = openRecordStore(observer.doc)
    observer.doc.transact(() => all.forEach((record) => records.set(record.id, record)))
    const sentinel = buildNote({ key: 'after-observer', text: 'efter' })
    openRecordStore(facilitator.doc).set(sentinel.id, sentinel)
    await eventually(() => expect(readRecords(observer.doc).has(sentinel.id)).toBe(true))
    const room = harness.services.sync.room(boardId)!
    await room.drained()
    expect(hasChangesFrom(room.doc, observer.doc.clientID)).toBe(false)
    const stored = await loadStoredDoc(harness.services.store.docs, boardId)
    for (const doc of [room.doc, facilitator.doc, stored]) {
      const shapes = [...readRecords(doc).values()].filter((r) => r.typeName === 'shape' && (r.type === 'theme' || r.type === 'commitment'))
      expect(shapes).toEqual([])
    }
  })
})
