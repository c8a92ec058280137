'use client'

import { useCallback, useMemo, useSyncExternalStore } from 'react'
import type { TLStore } from 'tldraw'
import { isPrivateNote } from '@/lib/board/privateNotes'
import { readBoardRecords, type BoardView } from '@/lib/board/readModel'
import type { Locale } from '@/lib/i18n/locales'

export interface OutlineBoard {
  view: BoardView
  /** Notes of an active private round: only ever in their author's store. */
  privateIds: ReadonlySet<string>
}

/**
 * The board as the read model sees it, from the tldraw store (which holds this person's private
 * notes too), read again whenever the store's document changes — local or remote.
 */
export function useOutlineBoard(store: TLStore, locale: Locale): OutlineBoard {
  const subscribe = useCallback((changed: () => void) => store.listen(changed, { scope: 'document' }), [store])
  // The store's history clock ticks once per change: a cheap, stable snapshot.
  const clock = useSyncExternalStore(subscribe, () => store.history.get())
  return useMemo(() => {
    void clock // the signal that the records changed
    const records = store.allRecords()
    return {
      view: readBoardRecords(records, locale),
      privateIds: new Set(records.filter(isPrivateNote).map((r) => r.id)),
    }
  }, [store, locale, clock])
}
