/**
 * Keeps room in a board's zones for its private round's notes (lib/board/session.ts,
 * `PrivateRoom`). A private note lives in its author's own document, which the board's layout
 * keeper cannot see; so whenever a private document changes, the most notes its person has
 * written in each area is raised into the board's session, and the keeper grows any zone that
 * lacks that many free cells. The counts only rise during a round, so two nodes raising them at
 * once agree on the larger; a new round starts from none.
 */
import type * as Y from 'yjs'
import { readRecords } from '../../lib/board/docLayout'
import { privateRoomFor } from '../../lib/board/privateNotes'
import { readSession, writeSession } from '../../lib/board/session'
import type { Logger } from '../logger'

/** How long a private document must be quiet before its notes are counted (ms). */
export const PRIVATE_ROOM_DELAY_MS = 300

/** Raises the board's kept room to what the private document `own` holds; true when it rose. */
export function raisePrivateRoom(board: Y.Doc, own: Y.Doc): boolean {
  const session = readSession(board)
  const round = session.privateRound
  if (!round?.active) return false
  const kept = session.privateRoom?.roundId === round.id ? session.privateRoom.areas : {}
  const areas = { ...kept }
  let rose = false
  for (const [areaId, wanted] of privateRoomFor(readRecords(board), readRecords(own), round.id)) {
    if (wanted > (areas[areaId] ?? 0)) {
      areas[areaId] = wanted
      rose = true
    }
  }
  if (rose) writeSession(board, { privateRoom: { roundId: round.id, areas } })
  return rose
}

/**
 * Watches one person's private document (a loaded room's) and raises the board's kept room
 * after each quiet moment. `changeBoard` runs a change on the board's document on the server's
 * authority. Returns a function that stops the watch.
 */
export function watchPrivateRoom(
  own: Y.Doc,
  changeBoard: (change: (board: Y.Doc) => boolean) => Promise<boolean>,
  logger: Logger,
): () => void {
  let timer: NodeJS.Timeout | null = null
  let stopped = false
  const look = () => {
    timer = null
    if (stopped) return
    changeBoard((board) => raisePrivateRoom(board, own)).catch((error: Error) =>
      logger.warn({ err: error.message }, 'could not keep room for private notes'),
    )
  }
  const onUpdate = () => {
    if (stopped || timer) return
    timer = setTimeout(look, PRIVATE_ROOM_DELAY_MS)
    timer.unref?.()
  }
  const stop = () => {
    stopped = true
    if (timer) clearTimeout(timer)
    own.off('update', onUpdate)
  }
  own.on('update', onUpdate)
  own.on('destroy', stop)
  // A document loaded with notes (after a restart, say) is counted once at once.
  onUpdate()
  return stop
}
