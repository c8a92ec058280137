'use client'

import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { readBoard, type BoardView } from '@/lib/board/readModel'
import type { Locale } from '@/lib/i18n/locales'

/** The read model of `doc`, kept current (at most four reads a second while it changes). */
export function useReadBoard(doc: Y.Doc | null, locale: Locale, enabled: boolean): BoardView | null {
  const [view, setView] = useState<BoardView | null>(null)
  useEffect(() => {
    if (!doc || !enabled) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const read = () => setView(readBoard(doc, locale))
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = null
        read()
      }, 250)
    }
    read()
    doc.on('update', schedule)
    return () => {
      doc.off('update', schedule)
      if (timer) clearTimeout(timer)
    }
  }, [doc, locale, enabled])
  return enabled ? view : null
}
