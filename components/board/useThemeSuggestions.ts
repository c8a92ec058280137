'use client'

import { useCallback, useState } from 'react'
import type { AreaId } from '@/lib/planning/planningModel'

/** A theme the server suggests: a title and the notes it would gather. */
export interface ThemeProposal {
  title: string
  noteIds: string[]
}

/**
 * Suggested themes for one area, as the canvas's plan panel and *Lista* both offer them: the
 * server clusters the area's notes that are in no theme (facilitators only); each proposal can
 * be retitled, accepted or rejected. Accepting is the caller's own edit (the same record edit
 * of lib/board/planEdits.ts on both), so this only keeps the list.
 */
export function useThemeSuggestions(boardId: string) {
  const [proposals, setProposals] = useState<ThemeProposal[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState(false)

  const suggest = useCallback(
    async (areaId: AreaId): Promise<ThemeProposal[] | null> => {
      setBusy(true)
      setFailed(false)
      try {
        const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/themes/suggest?area=${areaId}`)
        if (!response.ok) throw new Error(String(response.status))
        const found = ((await response.json()) as { proposals: ThemeProposal[] }).proposals
        setProposals(found)
        return found
      } catch {
        setFailed(true)
        return null
      } finally {
        setBusy(false)
      }
    },
    [boardId],
  )
  const retitle = useCallback(
    (index: number, title: string) => setProposals((current) => current?.map((p, i) => (i === index ? { ...p, title } : p)) ?? null),
    [],
  )
  const remove = useCallback((index: number) => setProposals((current) => current?.filter((_, i) => i !== index) ?? null), [])
  const clear = useCallback(() => setProposals(null), [])

  return { proposals, busy, failed, suggest, retitle, remove, clear }
}

/** A proposal's notes that are still on the board (someone may have deleted one since). */
export function notesStillThere(proposal: ThemeProposal, exists: (noteId: string) => boolean): string[] {
  return proposal.noteIds.filter(exists)
}
