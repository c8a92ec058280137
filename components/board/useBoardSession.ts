'use client'

import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { sessionMap, votesMap } from '@/lib/board/docLayout'
import { DEFAULT_SESSION, readSession, type SessionState } from '@/lib/board/session'
import { tallyVotes } from '@/lib/board/votes'

export interface BoardSession {
  session: SessionState
  /** Votes per note in the current (or last) voting round. */
  tally: Map<string, number>
}

/** The facilitation state and vote counts, live from the board's document. */
export function useBoardSession(doc: Y.Doc | null): BoardSession {
  const [state, setState] = useState<BoardSession>({ session: DEFAULT_SESSION, tally: new Map() })
  useEffect(() => {
    if (!doc) return
    const read = () => {
      const session = readSession(doc)
      setState({ session, tally: session.voting ? tallyVotes(doc, session.voting.id) : new Map() })
    }
    read()
    const session = sessionMap(doc)
    const votes = votesMap(doc)
    session.observe(read)
    votes.observe(read)
    return () => {
      session.unobserve(read)
      votes.unobserve(read)
    }
  }, [doc])
  return state
}
