'use client'

import { useEffect } from 'react'
import type { TLStore } from 'tldraw'
import { privateDocId } from '@/lib/board/docIds'
import { isPrivateNote, withoutPrivateRound } from '@/lib/board/privateNotes'
import type { PrivateRound } from '@/lib/board/session'
import { bindStoreToDoc } from '@/lib/collab/bindStoreToDoc'
import { openBoardDoc } from './openBoardDoc'
import type { ServerClock } from './roomTicket'

/**
 * While a board has had a private round, this person's private document is bound to the
 * store too: their new notes of an active round go there, where nobody else can read them.
 * When the round is revealed the server publishes them; any the server could not reach yet
 * (written offline) are published from here by dropping their private mark.
 *
 * Like the board, the private document is kept on this device (IndexedDB): private notes
 * written offline survive a reload and reach the server when the connection returns.
 */
export function usePrivateRound(store: TLStore | null, boardId: string, userId: string, round: PrivateRound | null, clock: ServerClock) {
  const hasRound = round !== null
  useEffect(() => {
    if (!store || !hasRound) return
    const opened = openBoardDoc({ boardId, docId: privateDocId(boardId, userId), userId, clock })
    let binding: ReturnType<typeof bindStoreToDoc> | null = null
    let cancelled = false
    // Bound as soon as either copy is ready: the device's, or the server's first sync.
    opened.ready
      .then(() => {
        if (!cancelled) binding = bindStoreToDoc({ store, doc: opened.doc, owns: isPrivateNote })
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
      binding?.dispose()
      opened.close()
    }
  }, [store, boardId, userId, hasRound, clock])

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
