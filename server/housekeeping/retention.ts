/**
 * Retention: what the installation keeps only for a while.
 * - Boards nobody changed for RETENTION_DAYS are deleted (then purged after the grace period
 *   like any deleted board) — but only after their facilitators were warned: the warning is
 *   recorded RETENTION_WARNING_DAYS before, shown on the facilitators' home page, and any
 *   change to the board clears it. Off unless RETENTION_DAYS is set.
 * - Automatic snapshots older than SNAPSHOT_MAX_AGE_DAYS are deleted (named ones stay).
 */
import type { Env } from '../../lib/env'
import type { NewAuditEntry, Store } from '../../lib/store/types'
import type { BoardLifecycle } from '../boards/boardLifecycle'
import type { Chore } from './housekeeping'

const DAY_MS = 24 * 60 * 60 * 1000

export interface RetentionOptions {
  store: Store
  boards: Pick<BoardLifecycle, 'remove'>
  audit(entry: NewAuditEntry): Promise<void>
  env: Pick<Env, 'RETENTION_DAYS' | 'RETENTION_WARNING_DAYS' | 'SNAPSHOT_MAX_AGE_DAYS'>
  now?: () => number
}

/** Warns about and removes unused boards; resolves what it did. */
export async function applyBoardRetention(options: RetentionOptions): Promise<{ warned: number; removed: number }> {
  const { store, env } = options
  const now = (options.now ?? Date.now)()
  const done = { warned: 0, removed: 0 }
  if (!env.RETENTION_DAYS) return done
  const warningMs = Math.min(env.RETENTION_WARNING_DAYS, env.RETENTION_DAYS) * DAY_MS
  const removeBefore = now - env.RETENTION_DAYS * DAY_MS
  for (const board of await store.boards.listUntouchedSince(removeBefore + warningMs)) {
    const warnedLongEnough = board.retentionWarnedAt !== null && board.retentionWarnedAt <= now - warningMs
    if (board.updatedAt < removeBefore && (warningMs === 0 || warnedLongEnough)) {
      if (await options.boards.remove(board.id, null, 'retention')) done.removed++
    } else if (board.retentionWarnedAt === null && warningMs > 0) {
      await store.boards.setRetentionWarned(board.id, now)
      await options.audit({ actor: null, action: 'retention-warned', boardId: board.id, targetId: null, detail: null })
      done.warned++
    }
  }
  return done
}

/** Deletes automatic snapshots past their age; resolves how many. */
export async function applySnapshotAge(options: RetentionOptions): Promise<number> {
  const { store, env } = options
  if (!env.SNAPSHOT_MAX_AGE_DAYS) return 0
  const before = (options.now ?? Date.now)() - env.SNAPSHOT_MAX_AGE_DAYS * DAY_MS
  let deleted = 0
  for (const board of await store.boards.listAll()) deleted += await store.snapshots.deleteAutoBefore(board.id, before)
  return deleted
}

export function retentionChores(options: RetentionOptions): Chore[] {
  return [
    { name: 'board retention', run: () => applyBoardRetention(options) },
    { name: 'snapshot age', run: () => applySnapshotAge(options) },
  ]
}
