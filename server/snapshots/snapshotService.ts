/**
 * Named snapshots of boards: taken on request, at the end of a voting round, and every few
 * minutes for each board whose document changed; restored in place (through the sync server,
 * so everyone connected sees it at once) or as a new board.
 */
import * as Y from 'yjs'
import { encodeContent, readContentOfState, replaceBoardContent } from '../../lib/board/boardContent'
import { boardDocId, parseDocId } from '../../lib/board/docIds'
import { readBoard } from '../../lib/board/readModel'
import { currentSnapshotName, snapshotName } from '../../lib/board/snapshotNames'
import { translator } from '../../lib/i18n/messages'
import type { SnapshotKind, Store } from '../../lib/store/types'
import type { SnapshotControl, SyncControl } from '../../lib/runtime/appContext'
import type { Logger } from '../logger'

export type Person = { id: string; name: string }

export interface SnapshotServiceOptions {
  store: Store
  sync: Pick<SyncControl, 'readDoc' | 'changeDoc'>
  logger: Logger
  /** Which documents changed since the last call (see trackDocChanges). */
  takeChanged(): Set<string>
  /** Automatic snapshots every this many ms while a board changes; 0 turns them off. */
  intervalMs: number
  /** Automatic snapshots kept per board; older ones are deleted. */
  keepAuto: number
}

/** The app's {@link SnapshotControl}, and what the server process itself uses. */
export interface SnapshotService extends SnapshotControl {
  /** Snapshots every changed board now (the scheduler's tick). */
  snapshotChanged(): Promise<number>
  stop(): void
}

const noteCountOf = (doc: Y.Doc) => readBoard(doc, 'sv').noteCount

export function createSnapshotService(options: SnapshotServiceOptions): SnapshotService {
  const { store, sync, logger } = options

  async function defaultName(boardId: string, kind: SnapshotKind, restored?: { name: string; kind: SnapshotKind }): Promise<string> {
    const board = await store.boards.get(boardId)
    return snapshotName(translator(board?.locale ?? 'sv'), kind, Date.now(), restored)
  }

  async function take(boardId: string, name: string | null, by: Person | null, kind: SnapshotKind = 'manual') {
    const { state, noteCount } = await sync.readDoc(boardDocId(boardId), (doc) => ({
      state: Y.encodeStateAsUpdate(doc),
      noteCount: noteCountOf(doc),
    }))
    return store.snapshots.create({
      boardId,
      name: name ?? (await defaultName(boardId, kind)),
      kind,
      createdBy: by,
      noteCount,
      state,
    })
  }

  async function pruneAuto(boardId: string) {
    const autos = (await store.snapshots.list(boardId)).filter((s) => s.kind === 'auto')
    for (const old of autos.slice(options.keepAuto)) await store.snapshots.delete(boardId, old.id)
  }

  async function snapshotChanged(): Promise<number> {
    let taken = 0
    for (const docId of options.takeChanged()) {
      const name = parseDocId(docId)
      if (name.kind !== 'board') continue
      try {
        if (!(await store.boards.get(name.boardId))) continue
        await take(name.boardId, null, null, 'auto')
        await pruneAuto(name.boardId)
        taken++
      } catch (error) {
        logger.error({ board: name.boardId, err: (error as Error).message }, 'automatic snapshot failed')
      }
    }
    return taken
  }

  let running = false
  const timer =
    options.intervalMs > 0
      ? setInterval(() => {
          if (running) return
          running = true
          snapshotChanged().finally(() => (running = false))
        }, options.intervalMs)
      : null
  timer?.unref()

  return {
    take,
    async restoreInPlace(boardId, snapshotId, by) {
      const stored = await store.snapshots.get(boardId, snapshotId)
      if (!stored) return null
      const board = await store.boards.get(boardId)
      const snapshot = { ...stored, name: currentSnapshotName(stored, board?.locale) }
      const content = readContentOfState(snapshot.state)
      // The state it replaces is read in the same transaction as the replacement, so no edit
      // falls between the two.
      const previous = await sync.changeDoc(boardDocId(boardId), (doc) => {
        const before = { state: Y.encodeStateAsUpdate(doc), noteCount: noteCountOf(doc) }
        replaceBoardContent(doc, content)
        return before
      })
      const before = await store.snapshots.create({
        boardId,
        name: await defaultName(boardId, 'restore', snapshot),
        kind: 'restore',
        createdBy: by,
        noteCount: previous.noteCount,
        state: previous.state,
      })
      const { state: _state, ...restored } = snapshot
      logger.info({ board: boardId, snapshot: snapshotId, before: before.id }, 'board restored from a snapshot')
      return { restored, before }
    },
    async restoreAsNew(boardId, snapshotId, by) {
      const [board, snapshot] = await Promise.all([store.boards.get(boardId), store.snapshots.get(boardId, snapshotId)])
      if (!board || !snapshot) return null
      const t = translator(board.locale)
      const restoredName = currentSnapshotName(snapshot, board.locale)
      const name = t('history.restoredBoardName', { board: board.name, snapshot: restoredName }).slice(0, 120)
      const created = await store.boards.create({
        name,
        locale: board.locale,
        createdBy: by.id,
        initialState: encodeContent(readContentOfState(snapshot.state)),
      })
      return { id: created.id }
    },
    snapshotChanged,
    stop() {
      if (timer) clearInterval(timer)
    },
  }
}
