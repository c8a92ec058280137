'use client'

import { useCallback, useEffect, useState } from 'react'
import type { VotingRound } from '@/lib/board/session'

/** What became of a vote: counted (and what is left), or refused with the server's reason. */
export interface VoteOutcome {
  ok: boolean
  remaining: number
  error?: string
}

interface MyVotes {
  mine: Record<string, number>
  remaining: number
  error: string | null
}

/** This person's votes in the current round, cast through the server (which keeps the limit). */
export function useMyVotes(boardId: string, round: VotingRound | null) {
  const [state, setState] = useState<MyVotes>({ mine: {}, remaining: 0, error: null })
  const roundKey = round ? `${round.id}:${round.active}` : ''
  const base = `/api/boards/${encodeURIComponent(boardId)}/votes`

  const votesPerPerson = round?.active ? round.votesPerPerson : 0
  useEffect(() => {
    if (!roundKey) return setState({ mine: {}, remaining: 0, error: null })
    // Until the server answers, a new round's full allowance can be used: the server checks
    // every vote against the limit anyway.
    setState({ mine: {}, remaining: votesPerPerson, error: null })
    let cancelled = false
    fetch(base)
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { mine: Record<string, number>; remaining: number } | null) => {
        if (!cancelled && body) setState({ mine: body.mine, remaining: body.remaining, error: null })
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [base, roundKey, votesPerPerson])

  const vote = useCallback(
    async (noteId: string, delta: 1 | -1): Promise<VoteOutcome> => {
      const response = await fetch(base, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ noteId, delta }),
      })
      const body = (await response.json().catch(() => ({}))) as { mine?: Record<string, number>; remaining?: number; error?: string }
      if (response.ok && body.mine) {
        setState({ mine: body.mine, remaining: body.remaining ?? 0, error: null })
        return { ok: true, remaining: body.remaining ?? 0 }
      }
      setState((previous) => ({ ...previous, error: body.error ?? 'failed' }))
      return { ok: false, remaining: body.remaining ?? 0, error: body.error ?? 'failed' }
    },
    [base],
  )

  return { ...state, vote }
}
