/**
 * The facilitator hears of a full board before it is full: past 80 % of SYNC_MAX_DOC_BYTES the
 * server writes how full the document is into the board's session map, which every client
 * follows (only a facilitator's board shows it); a client cannot write or clear it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { sessionMap } from '../../lib/board/docLayout'
import { readSession } from '../../lib/board/session'
import { joinBoard } from '../helpers/boardClients'
import { addNote, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const DOC = 256 * 1024
const cleanup = createCleanup()
let harness: SyncHarness

beforeAll(async () => {
  harness = await startSyncHarness({ SYNC_MAX_DOC_BYTES: String(DOC) })
})
afterAll(() => harness.close())
afterEach(() => cleanup.run())

/** Lets the room's coalesced fullness check (one turn of the event loop after an update) run. */
const turns = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve))
}

describe('warning before the board is full', () => {
  it('stays quiet below 80 %, then tells every client how full the board is', async () => {
    const boardId = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId })
    const participant = await joinBoard(harness, cleanup, { boardId, role: 'participant' })
    const room = harness.services.sync.room(boardId)!
    const percentOf = () => Math.floor((Y.encodeStateAsUpdate(room.doc).byteLength * 100) / DOC)
    let n = 0
    /** The facilitator writes notes of about 2 KB until the room measures `percent` full. */
    const fillTo = async (percent: number) => {
      while (percentOf() < percent) {
        n++
        addNote(facilitator.doc, `fill-${n}`, `Idé ${n} ${'x'.repeat(2000)}`, { x: (n % 20) * 250, y: Math.floor(n / 20) * 250 })
        await eventually(() => expect(noteTexts(room.doc).some((text) => text.startsWith(`Idé ${n} `))).toBe(true))
      }
    }
    await fillTo(70)
    await turns()
    expect(readSession(room.doc).docFill).toBeNull()
    await fillTo(82)
    await eventually(() => expect(readSession(participant.doc).docFill?.percent).toBeGreaterThanOrEqual(80))
    const fill = readSession(facilitator.doc).docFill!
    expect(fill.percent).toBeGreaterThanOrEqual(80)
    expect(fill.percent).toBeLessThanOrEqual(percentOf())
    // A client clearing it is undone (the session guard) and closed nobody else.
    sessionMap(participant.doc).delete('docFill')
    await eventually(() => expect(readSession(participant.doc).docFill?.percent).toBe(fill.percent))
    expect(readSession(room.doc).docFill?.percent).toBe(fill.percent)
    // Crossing the next band writes again.
    await fillTo(fill.percent - (fill.percent % 5) + 6)
    await eventually(() =>
      expect(readSession(facilitator.doc).docFill!.percent).toBeGreaterThanOrEqual(fill.percent - (fill.percent % 5) + 5),
    )
    expect(facilitator.closeCodes).toEqual([])
  }, 60_000)
})
