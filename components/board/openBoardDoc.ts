import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { connectBoard, type BoardConnection, type RoomTicket } from '@/lib/sync/connectBoard'
import { followBrowserNetwork } from './followNetwork'
import { localDocName } from './localBoards'
import { fetchTicket, type ServerClock } from './roomTicket'

export interface OpenBoardDocOptions {
  /** The board whose room ticket admits to the doc. */
  boardId: string
  /** The doc's id on the server when it is not the board's own (a private doc: `privateDocId`). */
  docId?: string
  /** Whose copy on this device it is (several people may share a browser). */
  userId: string
  /** Learns the server's time from every ticket. */
  clock: ServerClock
  /** Called with every ticket obtained (e.g. to follow a role change). */
  onTicket?(ticket: RoomTicket): void
  /** Called after the browser went on- or offline and the connection was told. */
  onNetwork?(): void
  /** Whether this device's copy, once loaded, is worth opening from; any copy is by default. */
  usableFromDevice?(doc: Y.Doc): boolean
}

export interface BoardDoc {
  doc: Y.Doc
  connection: BoardConnection
  /** Settles once there is a copy to show: this device's, or the server's first sync. */
  ready: Promise<void>
  /** Stops syncing and keeping it, and destroys the doc. */
  close(): void
}

/**
 * Opens one of a board's documents as the browser keeps them all: a Y.Doc connected to the
 * sync server with room tickets, told at once when the browser goes off- or online, and kept on
 * this device too (IndexedDB), so a branch that loses its connection keeps working, a reload
 * while offline still opens it, and what was written meanwhile merges when the connection
 * returns. The board (useBoardStore) and a private round's document (usePrivateRound) both
 * open theirs here.
 */
export function openBoardDoc(options: OpenBoardDocOptions): BoardDoc {
  const docId = options.docId ?? options.boardId
  const doc = new Y.Doc()
  const connection = connectBoard({
    boardId: docId,
    doc,
    fetchTicket: () => fetchTicket(options.boardId, options.clock),
    isOnline: () => navigator.onLine,
    onTicket: options.onTicket,
  })
  const stopFollowing = followBrowserNetwork(connection, options.onNetwork)
  const local = new IndexeddbPersistence(localDocName(docId, options.userId), doc)
  const usable = options.usableFromDevice ?? (() => true)
  // A device copy not worth opening from leaves the race to the server's first sync.
  const fromDevice = local.whenSynced.then(() => (usable(doc) ? undefined : new Promise<never>(() => {})))
  return {
    doc,
    connection,
    ready: Promise.race([fromDevice, connection.synced]).then(() => undefined),
    close() {
      stopFollowing()
      void local.destroy()
      connection.destroy()
      doc.destroy()
    },
  }
}
