/**
 * Retention through the server's own services on a real SQLite file: an unused board is first
 * warned about, then deleted only once the warning has stood long enough, and using the board
 * again clears the warning; automatic snapshots past their age go, named ones stay.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyBoardRetention, applySnapshotAge } from '../../server/housekeeping/retention'
import { createCleanup } from '../helpers/cleanup'
import { startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const DAY = 24 * 60 * 60 * 1000
const cleanup = createCleanup()
afterEach(() => cleanup.run())

async function harness(env: Record<string, string>): Promise<SyncHarness> {
  const h = await startSyncHarness(env)
  cleanup.add(() => h.close())
  return h
}

function retention(h: SyncHarness, now: number) {
  return applyBoardRetention({
    store: h.services.store,
    boards: h.services.boards,
    audit: h.services.context.audit,
    env: h.env,
    now: () => now,
  })
}

describe('retention', () => {
  it('keeps every board when RETENTION_DAYS is not set', async () => {
    const h = await harness({})
    await h.services.store.boards.touch(h.boardId, 0)
    expect(await retention(h, Date.now())).toEqual({ warned: 0, removed: 0 })
  })

  it('warns before removing an unused board, and removes it only after the warning stood', async () => {
    const h = await harness({ RETENTION_DAYS: '365', RETENTION_WARNING_DAYS: '14' })
    const { store } = h.services
    const t0 = Date.now()
    await store.boards.touch(h.boardId, t0)
    // 300 days on: nothing yet.
    expect(await retention(h, t0 + 300 * DAY)).toEqual({ warned: 0, removed: 0 })
    // 352 days on: within the last 14 days before removal — warned.
    expect(await retention(h, t0 + 352 * DAY)).toEqual({ warned: 1, removed: 0 })
    expect(await retention(h, t0 + 353 * DAY)).toEqual({ warned: 0, removed: 0 })
    // A year on, but the warning is only 13 days old: kept one more day.
    expect(await retention(h, t0 + 365 * DAY + 1)).toEqual({ warned: 0, removed: 0 })
    expect(await retention(h, t0 + 366 * DAY + 1)).toEqual({ warned: 0, removed: 1 })
    expect(await store.boards.get(h.boardId)).toBeNull()
    expect((await store.boards.get(h.boardId, { includeDeleted: true }))?.deletedAt).not.toBeNull()
    const actions = (await store.audit.list({ boardId: h.boardId })).map((e) => [e.action, e.detail])
    expect(actions).toEqual([
      ['board-deleted', 'retention'],
      ['retention-warned', null],
    ])
  })

  it('clears the warning when the board is used again', async () => {
    const h = await harness({ RETENTION_DAYS: '30', RETENTION_WARNING_DAYS: '7' })
    const { store } = h.services
    const t0 = Date.now()
    await store.boards.touch(h.boardId, t0)
    expect((await retention(h, t0 + 25 * DAY)).warned).toBe(1)
    // Someone edits the board: the sync server's stored update touches it.
    await h.services.sync.changeDoc(h.boardId, (doc) => doc.getMap('board').set('touched', true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const board = (await store.boards.listUntouchedSince(Date.now() + 1)).find((b) => b.id === h.boardId)
    expect(board?.retentionWarnedAt).toBeNull()
  })

  it('deletes automatic snapshots past their age and keeps named ones', async () => {
    const h = await harness({ SNAPSHOT_MAX_AGE_DAYS: '30' })
    const { store } = h.services
    const state = Y.encodeStateAsUpdate(new Y.Doc())
    const t0 = Date.now()
    const base = { boardId: h.boardId, createdBy: null, noteCount: 0, state }
    await store.snapshots.create({ ...base, name: 'gammal', kind: 'auto', createdAt: t0 - 40 * DAY })
    await store.snapshots.create({ ...base, name: 'färsk', kind: 'auto', createdAt: t0 - DAY })
    await store.snapshots.create({ ...base, name: 'Efter röstning', kind: 'voting', createdAt: t0 - 40 * DAY })
    expect(await applySnapshotAge({ store, boards: h.services.boards, audit: h.services.context.audit, env: h.env, now: () => t0 })).toBe(1)
    expect((await store.snapshots.list(h.boardId)).map((s) => s.name).sort()).toEqual(['Efter röstning', 'färsk'])
  })
})
