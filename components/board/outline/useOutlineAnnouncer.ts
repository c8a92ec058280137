'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import type { TLStore } from 'tldraw'
import type { Locale } from '@/lib/i18n/locales'
import type { Translate } from '@/lib/i18n/messages'
import { describeNoteChanges, mergeNoteChanges, noteChangesOf, type NoteChange } from './noteChanges'

/** A burst ends after this long without another remote change… */
const QUIET_MS = 1000
/** …or this long after it began, whichever comes first… */
const MAX_WAIT_MS = 4000
/** …and is never read sooner than this after the last announcement. */
const MIN_GAP_MS = 3000

/**
 * The words for the outline's polite live region: other people's note changes, summarised per
 * burst and rate-limited so a busy workshop does not drown a screen reader, and the outcome
 * of this person's own actions. It never moves focus.
 */
export function useOutlineAnnouncer(store: TLStore, t: Translate, locale: Locale) {
  const [message, setMessage] = useState('')
  const describe = useRef({ t, locale })
  describe.current = { t, locale }

  // The same sentence twice in a row is a change too: alternate a trailing no-break space.
  const say = useCallback((text: string) => setMessage((previous) => (previous === text ? `${text}\u00a0` : text)), [])

  useEffect(() => {
    const burst = new Map<string, NoteChange>()
    let timer: ReturnType<typeof setTimeout> | null = null
    let burstStart = 0
    let lastSpoken = 0

    const flush = () => {
      timer = null
      const text = describeNoteChanges([...burst.values()], describe.current.t, describe.current.locale)
      burst.clear()
      if (!text) return
      lastSpoken = Date.now()
      say(text)
    }
    const schedule = () => {
      const now = Date.now()
      if (timer) clearTimeout(timer)
      else burstStart = now
      const due = Math.max(Math.min(now + QUIET_MS, burstStart + MAX_WAIT_MS), lastSpoken + MIN_GAP_MS)
      timer = setTimeout(flush, Math.max(0, due - now))
    }
    const stop = store.listen(
      ({ changes }) => {
        mergeNoteChanges(burst, noteChangesOf(changes))
        if (burst.size > 0) schedule()
      },
      { source: 'remote', scope: 'document' },
    )
    return () => {
      stop()
      if (timer) clearTimeout(timer)
    }
  }, [store, say])

  return { message, say }
}
