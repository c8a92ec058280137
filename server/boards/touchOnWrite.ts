/**
 * A {@link DocStore} that records when a board was last changed: every stored update to a
 * board's documents moves its `updatedAt` (at most once a minute per board), which the home
 * page shows and retention (RETENTION_DAYS) counts from. Touching also clears a retention
 * warning, since the board is in use again.
 */
import { parseDocId } from '../../lib/board/docIds'
import type { BoardStore, DocStore } from '../../lib/store/types'
import type { Logger } from '../logger'

const TOUCH_EVERY_MS = 60_000

export function touchOnWrite(inner: DocStore, boards: Pick<BoardStore, 'touch'>, logger: Logger, now: () => number = Date.now): DocStore {
  const touched = new Map<string, number>()
  return {
    ...inner,
    async appendUpdates(docId, updates) {
      const seq = await inner.appendUpdates(docId, updates)
      const { boardId } = parseDocId(docId)
      const at = now()
      if ((touched.get(boardId) ?? 0) <= at - TOUCH_EVERY_MS) {
        touched.set(boardId, at)
        // The update is already durable; a failed touch costs only the date's precision.
        boards.touch(boardId, at).catch((error: Error) => logger.warn({ board: boardId, err: error.message }, 'could not touch board'))
      }
      return seq
    },
  }
}
