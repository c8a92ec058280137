/**
 * Deleting, restoring and purging boards. A deleted board is gone for everyone at once (every
 * access check answers "no role", so open sockets close within seconds on every node), but its
 * rows stay for the grace period in which an administrator can restore it. Purging removes
 * everything the board left: its rows in every table (see BoardStore.purge), its rooms on this
 * node and its Redis streams.
 */
import type { BoardLifecycleControl, AuditActor } from '../../lib/runtime/appContext'
import type { NewAuditEntry, Store } from '../../lib/store/types'
import type { Logger } from '../logger'
import type { Fanout } from '../sync/fanout'
import { Closes } from '../../lib/sync/closeCodes'
import type { SyncServer } from '../sync/createSyncServer'

const DAY_MS = 24 * 60 * 60 * 1000

export interface BoardLifecycleOptions {
  store: Store
  sync: Pick<SyncServer, 'evict'>
  fanout: Pick<Fanout, 'forgetBoard'>
  audit(entry: NewAuditEntry): Promise<void>
  logger: Logger
  /** Days between deleting a board and purging it. */
  graceDays: number
  now?: () => number
}

export interface BoardLifecycle extends BoardLifecycleControl {
  /** Purges the boards whose grace period is over; resolves how many. */
  purgeDue(): Promise<number>
}

export function createBoardLifecycle(options: BoardLifecycleOptions): BoardLifecycle {
  const { store, logger } = options
  const now = options.now ?? Date.now
  const graceMs = options.graceDays * DAY_MS

  async function purge(boardId: string, by: AuditActor | null, reason: string) {
    // Rooms first: a room unloading after the purge would write its document back.
    await options.sync.evict(boardId, Closes.boardDeleted.code, Closes.boardDeleted.reason)
    await store.boards.purge(boardId)
    try {
      await options.fanout.forgetBoard(boardId)
    } catch (error) {
      // The streams expire a day after their last entry anyway (see redisFanout.ts).
      logger.warn({ board: boardId, err: (error as Error).message }, 'could not remove the board’s Redis streams')
    }
    await options.audit({ actor: by, action: 'board-purged', boardId, targetId: null, detail: reason })
    logger.info({ board: boardId, reason }, 'board purged')
  }

  return {
    graceDays: options.graceDays,
    async remove(boardId, by, reason) {
      const board = await store.boards.get(boardId, { includeDeleted: true })
      if (!board || board.deletedAt !== null) return false
      await store.boards.setDeleted(boardId, now())
      await options.audit({ actor: by, action: 'board-deleted', boardId, targetId: null, detail: reason ?? null })
      if (graceMs === 0) await purge(boardId, by, reason ?? 'deleted')
      else await options.sync.evict(boardId, Closes.boardDeleted.code, Closes.boardDeleted.reason)
      return true
    },
    async restore(boardId, by) {
      const board = await store.boards.get(boardId, { includeDeleted: true })
      if (!board || board.deletedAt === null) return false
      await store.boards.setDeleted(boardId, null)
      await options.audit({ actor: by, action: 'board-restored', boardId, targetId: null, detail: null })
      return true
    },
    async purge(boardId, by) {
      const board = await store.boards.get(boardId, { includeDeleted: true })
      if (!board) return false
      await purge(boardId, by, 'by administrator')
      return true
    },
    async purgeDue() {
      const due = (await store.boards.listAll()).filter((board) => board.deletedAt !== null && board.deletedAt <= now() - graceMs)
      for (const board of due) await purge(board.id, null, 'grace period over')
      return due.length
    },
  }
}
