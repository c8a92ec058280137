/**
 * Deleting a board through the server's own services, with a real sync server, a real SQLite
 * file and a real Redis: everyone on the board is disconnected at once, nobody gets back in,
 * an administrator can restore it during the grace period, and purging it leaves nothing in
 * any table or in Redis.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { privateDocId } from '../../lib/board/docIds'
import { CloseCode } from '../../server/sync/protocol'
import { joinBoard } from '../helpers/boardClients'
import { addNote, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { withRedis } from '../helpers/withRedis'
import { connectClient, eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
const redis = withRedis('the board lifecycle tests')
afterEach(() => cleanup.run())

async function harness(graceDays: number): Promise<SyncHarness> {
  const started = await startSyncHarness({ REDIS_URL: redis.url, BOARD_DELETE_GRACE_DAYS: String(graceDays) })
  cleanup.add(() => started.close())
  return started
}

const admin = { id: 'admin-id', name: 'Admin' }

describe.runIf(redis.runs)('a board’s life', () => {
  it('deleting closes every socket on the board, refuses new ones, and restoring lets people back', async () => {
    const h = await harness(30)
    const client = await joinBoard(h, cleanup)
    addNote(client.doc, 'n1', 'Fler besökare')
    const token = await h.mintToken()
    expect(await h.services.boards.remove(h.boardId, admin)).toBe(true)
    expect((await client.closed).code).toBe(CloseCode.notFound)
    // A token minted before the deletion no longer opens the board.
    const late = connectClient(h.syncUrl, h.boardId, token)
    cleanup.add(() => late.destroy())
    expect((await late.closed).code).toBeGreaterThanOrEqual(4400)
    expect(await h.services.boards.remove(h.boardId, admin)).toBe(false)

    expect(await h.services.boards.restore(h.boardId, admin)).toBe(true)
    const back = await joinBoard(h, cleanup)
    await eventually(() => expect(noteTexts(back.doc)).toEqual(['Fler besökare']))
    const actions = (await h.services.store.audit.list({ boardId: h.boardId })).map((entry) => entry.action)
    expect(actions).toEqual(['board-restored', 'board-deleted'])
  })

  it('purging leaves nothing of the board in any table or in Redis', async () => {
    const h = await harness(30)
    const client = await joinBoard(h, cleanup)
    addNote(client.doc, 'n1', 'Fler besökare')
    const privateClient = connectClient(h.syncUrl, privateDocId(h.boardId, h.userId), await h.mintToken())
    cleanup.add(() => privateClient.destroy())
    await privateClient.synced
    addNote(privateClient.doc, 'p1', 'Hemlig idé')
    // Each of the two docs has its stream and its presence claims in Redis.
    const privateRoom = privateDocId(h.boardId, h.userId)
    const boardKeys = () =>
      redis
        .cli('--scan', '--pattern', `*${h.boardId}*`)
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((key) => key.replace(/^.*?(room|claims):/, '$1:'))
        .sort()
    await eventually(() =>
      expect(boardKeys()).toEqual([`claims:${h.boardId}`, `claims:${privateRoom}`, `room:${h.boardId}`, `room:${privateRoom}`].sort()),
    )

    await h.services.boards.remove(h.boardId, admin)
    // Within the grace period the rows stay, for a restore.
    expect(await h.services.boards.purgeDue()).toBe(0)
    expect(await h.services.store.boards.get(h.boardId, { includeDeleted: true })).not.toBeNull()

    expect(await h.services.boards.purge(h.boardId, admin)).toBe(true)
    const dump = await h.services.store.dump()
    const holders = Object.entries(dump)
      .filter(([, rows]) => rows.some((row) => Object.values(row).some((v) => String(v).includes(h.boardId))))
      .map(([table]) => table)
    expect(holders).toEqual(['audit_log'])
    expect(redis.cli('--scan', '--pattern', `*${h.boardId}*`).trim()).toBe('')
    expect(h.services.sync.stats().rooms).toBe(0)
  })

  it('purges a board at once when there is no grace period, and due boards after it', async () => {
    const h = await harness(0)
    await h.services.boards.remove(h.boardId, admin)
    expect(await h.services.store.boards.get(h.boardId, { includeDeleted: true })).toBeNull()
    const second = await h.createBoard()
    await h.services.store.boards.setDeleted(second, Date.now() - 1000)
    expect(await h.services.boards.purgeDue()).toBe(1)
    expect(await h.services.store.boards.get(second, { includeDeleted: true })).toBeNull()
  })
})
