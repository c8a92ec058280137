/**
 * Re-checks every open socket's access while it stays open: every so often, one lookup per
 * board with open sockets for all their people at once (`checkBoard`; without it, one
 * `check` per distinct user and board), and the sockets whose person lost their access, or
 * whose role changed, are closed (./admission.ts `roleRefusal`). Each node asks the store
 * itself, so this holds across nodes.
 *
 * Why per board: a round over 500 sockets asked the store 1,000 times (role and session end per
 * person); on SQLite that ran on the event loop, on PostgreSQL it filled the pool in front of
 * the appends — a stall every round, which the sync benchmark's p99 saw.
 */
import type { BoardRole } from '../../lib/auth/roles'
import type { Logger } from '../logger'
import { roleRefusal, type BoardRoleCheck, type RoleCheck } from './admission'
import type { Connection, Principal } from './connection'
import type { Room } from './Room'
import type { SyncMetrics } from './syncMetrics'

/** What revalidation needs of a room. */
type CheckedRoom = Pick<Room, 'connections' | 'closeConnection'>

export interface RevalidationOptions {
  check: RoleCheck
  /** All of one board's principals in one lookup; the roles in the same order. */
  checkBoard?: BoardRoleCheck
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

interface OpenSockets {
  principal: Principal
  sockets: { room: CheckedRoom; connection: Connection }[]
}

/** One lookup per board (or per distinct user and board), then every socket that was open for it is judged. */
async function revalidateOpenSockets({ check, checkBoard, rooms, logger, metrics }: RevalidationOptions) {
  // By board, then by person and token age: a token minted before "sign out everywhere" is
  // judged apart from a newer one of the same person.
  const open = new Map<string, Map<string, OpenSockets>>()
  for (const room of rooms()) {
    for (const connection of room.connections.values()) {
      const { principal } = connection
      const ofBoard = open.get(principal.boardId) ?? new Map<string, OpenSockets>()
      open.set(principal.boardId, ofBoard)
      const key = checkBoard ? `${principal.userId}\n${principal.issuedAt}` : principal.userId
      const group = ofBoard.get(key) ?? { principal, sockets: [] }
      group.sockets.push({ room, connection })
      ofBoard.set(key, group)
    }
  }
  const judge = ({ principal, sockets }: OpenSockets, role: BoardRole | null) => {
    // Only the sockets open when the lookup began: one that joined since was checked then.
    for (const { room, connection } of sockets) {
      const refusal = roleRefusal(connection.principal, role)
      if (!refusal || !room.connections.has(connection.socket)) continue
      logger.info({ board: principal.boardId, user: principal.userId, code: refusal.code, reason: refusal.reason }, 'closing socket')
      metrics.refused(refusal.reason, refusal.code)
      room.closeConnection(connection, refusal.code, refusal.reason)
    }
  }
  // A failed lookup (the database is briefly away) is no reason to drop everyone; the next
  // round asks again.
  const failed = (boardId: string, userId: string | undefined, error: unknown) =>
    logger.error({ board: boardId, user: userId, err: (error as Error).message }, 'revalidate failed')
  await Promise.all(
    [...open].map(async ([boardId, ofBoard]) => {
      const groups = [...ofBoard.values()]
      if (checkBoard) {
        let roles: (BoardRole | null)[]
        try {
          roles = await checkBoard(
            boardId,
            groups.map((group) => group.principal),
          )
        } catch (error) {
          failed(boardId, undefined, error)
          return
        }
        groups.forEach((group, i) => judge(group, roles[i]))
        return
      }
      await Promise.all(
        groups.map(async (group) => {
          let role: BoardRole | null
          try {
            role = await check(group.principal)
          } catch (error) {
            failed(boardId, group.principal.userId, error)
            return
          }
          judge(group, role)
        }),
      )
    }),
  )
}
