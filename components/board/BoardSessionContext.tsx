'use client'

import { createContext, useContext } from 'react'
import type * as Y from 'yjs'
import type { BoardRole } from '@/lib/auth/roles'
import type { SessionState } from '@/lib/board/session'
import type { VoteOutcome } from './useMyVotes'

export interface BoardSessionValue {
  boardId: string
  /** The person's id (`Person['id']`), as presence and room tokens carry it. */
  userId: string
  role: BoardRole
  session: SessionState
  /** Votes per note in the current voting round. */
  tally: Map<string, number>
  /** This person's own votes in the current round, by note id. */
  myVotes: Record<string, number>
  remainingVotes: number
  /** Casts or takes back a vote on a note or theme, through the server (which keeps the limit). */
  vote(noteId: string, delta: 1 | -1): Promise<VoteOutcome>
  /** The board's document (for read-model views such as voting results). */
  doc: Y.Doc | null
}

const BoardSessionContext = createContext<BoardSessionValue | null>(null)

export const BoardSessionProvider = BoardSessionContext.Provider

/**
 * The workshop state for components on and around the canvas. Null outside a board (e.g.
 * when tldraw renders shapes for an export), so shapes must cope without it.
 */
export function useBoardSessionContext(): BoardSessionValue | null {
  return useContext(BoardSessionContext)
}
