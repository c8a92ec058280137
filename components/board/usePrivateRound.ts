'use client'

import { useEffect } from 'react'
import type { TLStore } from 'tldraw'
import * as Y from 'yjs'
import { privateDocId } from '@/lib/board/docIds'
import { isPrivateNote } from '@/lib/board/privateNotes'
import type { PrivateRound } from '@/lib/board/session'
import { bindStoreToDoc } from '@/lib/collab/bindStoreToDoc'
import { connectBoard } from '@/lib/sync/connectBoard'
import { fetchTicket } from './useBoardStore'

/**
 * While a board has had a private round, this person's private document is bound to the
 * store too: their new notes of an active round go there, where nobody else can read them.
 * When the round is revealed the server publishes them; any the server could not reach yet
 * (written offline) are published from here by dropping their private mark.
 */
export function usePrivateRound(store: TLStore | null, boardId: string, userId: string, round: PrivateRound | null) {
  const hasRound = round !== null
  useEffect(() => {
    if (!store || !hasRound) return
    const doc = new Y.Doc()
    const connection = connectBoard({
      boardId: privateDocId(boardId, userId),
      doc,
      fetchTicket: () => fetchTicket(boardId),
      isOnline: () => navigator.onLine,
    })
    let binding: ReturnType<typeof bindStoreToDoc> | null = null
    let cancelled = false
    connection.ready
      .then((provider) => new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve()))))
      .then(() => {
        if (!cancelled) binding = bindStoreToDoc({ store, doc, owns: isPrivateNote })
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
      binding?.dispose()
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
      store.put(leftovers.map((note) => ({ ...note, meta: Object.fromEntries(Object.entries(note.meta).filter(([k]) => k !== 'privateRound')) })))
    }
    publish()
    // Notes of the round that reach this client later (from its private document) go out too.
    return store.listen(() => queueMicrotask(publish), { scope: 'document', source: 'remote' })
  }, [store, revealed])
}
