/**
 * Re-checks every open socket's access while it stays open: every so often, one lookup per
 * distinct user and board with open sockets (the `revalidate` the server was given), and the
 * sockets whose person lost their access, or whose role changed, are closed
 * (./admission.ts `roleRefusal`). Each node asks the store itself, so this holds across nodes.
 */
import type { BoardRole } from '../../lib/auth/roles'
import type { Logger } from '../logger'
import { roleRefusal, type RoleCheck } from './admission'
import type { Connection, Principal } from './connection'
import type { Room } from './Room'
import type { SyncMetrics } from './syncMetrics'

/** What revalidation needs of a room. */
type CheckedRoom = Pick<Room, 'connections' | 'closeConnection'>

export interface RevalidationOptions {
  check: RoleCheck
  everyMs: number
  /** The rooms loaded now. */
  rooms(): Iterable<CheckedRoom>
  logger: Logger
  metrics: SyncMetrics
}

/** Starts re-checking open sockets every `everyMs`; a round still running skips the next. */
export function startRevalidation(options: RevalidationOptions): { stop(): void } {
  let revalidating = false
  let stopped = false
  const timer = setInterval(() => {
    if (revalidating || stopped) return
    revalidating = true
    revalidateOpenSockets(options).finally(() => {
      revalidating = false
    })
  }, options.everyMs)
  timer.unref()
  return {
    stop() {
      stopped = true
      clearInterval(timer)
    },
  }
}

/** One lookup per distinct user and board, then every socket that was open for it is judged. */
async function revalidateOpenSockets({ check, rooms, logger, metrics }: RevalidationOptions) {
  const keyOf = (principal: Principal) => `${principal.boardId}\n${principal.userId}`
  const open = new Map<string, { principal: Principal; sockets: { room: CheckedRoom; connection: Connection }[] }>()
  for (const room of rooms()) {
    for (const connection of room.connections.values()) {
      const key = keyOf(connection.principal)
      const group = open.get(key) ?? { principal: connection.principal, sockets: [] }
      group.sockets.push({ room, connection })
      open.set(key, group)
    }
  }
  await Promise.all(
    [...open.values()].map(async ({ principal, sockets }) => {
      let role: BoardRole | null
      try {
        role = await check(principal)
      } catch (error) {
        // A failed lookup (the database is briefly away) is no reason to drop everyone; the
        // next round asks again.
        logger.error({ board: principal.boardId, user: principal.userId, err: (error as Error).message }, 'revalidate failed')
        return
      }
      // Only the sockets open when the lookup began: one that joined since was checked then.
      for (const { room, connection } of sockets) {
        const refusal = roleRefusal(connection.principal, role)
        if (!refusal || !room.connections.has(connection.socket)) continue
        logger.info({ board: principal.boardId, user: principal.userId, code: refusal.code, reason: refusal.reason }, 'closing socket')
        metrics.refused(refusal.reason, refusal.code)
        room.closeConnection(connection, refusal.code, refusal.reason)
      }
    }),
  )
}
