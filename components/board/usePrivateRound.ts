'use client'

import { useEffect } from 'react'
import type { TLStore } from 'tldraw'
import { IndexeddbPersistence } from 'y-indexeddb'
import * as Y from 'yjs'
import { privateDocId } from '@/lib/board/docIds'
import { isPrivateNote, withoutPrivateRound } from '@/lib/board/privateNotes'
import type { PrivateRound } from '@/lib/board/session'
import { bindStoreToDoc } from '@/lib/collab/bindStoreToDoc'
import { connectBoard } from '@/lib/sync/connectBoard'
import { followBrowserNetwork } from './followNetwork'
import { localDocName } from './localBoards'
import { fetchTicket } from './useBoardStore'

/**
 * While a board has had a private round, this person's private document is bound to the
 * store too: their new notes of an active round go there, where nobody else can read them.
 * When the round is revealed the server publishes them; any the server could not reach yet
 * (written offline) are published from here by dropping their private mark.
 *
 * Like the board, the private document is kept on this device (IndexedDB): private notes
 * written offline survive a reload and reach the server when the connection returns.
 */
export function usePrivateRound(store: TLStore | null, boardId: string, userId: string, round: PrivateRound | null) {
  const hasRound = round !== null
  useEffect(() => {
    if (!store || !hasRound) return
    const doc = new Y.Doc()
    const docId = privateDocId(boardId, userId)
    const connection = connectBoard({
      boardId: docId,
      doc,
      fetchTicket: () => fetchTicket(boardId),
      isOnline: () => navigator.onLine,
    })
    const local = new IndexeddbPersistence(localDocName(docId, userId), doc)
    const stopFollowing = followBrowserNetwork(connection)
    let binding: ReturnType<typeof bindStoreToDoc> | null = null
    let cancelled = false
    // Bound as soon as either copy is ready: the device's, or the server's first sync.
    Promise.race([local.whenSynced, connection.synced])
      .then(() => {
        if (!cancelled) binding = bindStoreToDoc({ store, doc, owns: isPrivateNote })
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
      stopFollowing()
      binding?.dispose()
      void local.destroy()
      connection.destroy()
      doc.destroy()
    }
  }, [store, boardId, userId, hasRound])

  const revealed = round !== null && !round.active
  useEffect(() => {
    if (!store || !revealed) return
    const publish = () => {
      const leftovers = store.allRecords().filter(isPrivateNote)
      if (leftovers.length === 0) return
      store.put(leftovers.map((note) => ({ ...note, meta: withoutPrivateRound(note.meta) })))
    }
    publish()
    // Notes of the round that reach this client later (from its private document) go out too;
    // only a change that brings such a note asks for a look over the store.
    return store.listen(
      ({ changes }) => {
        const arrived = [...Object.values(changes.added), ...Object.values(changes.updated).map(([, to]) => to)]
        if (arrived.some(isPrivateNote)) queueMicrotask(publish)
      },
      { scope: 'document', source: 'remote' },
    )
  }, [store, revealed])
}
