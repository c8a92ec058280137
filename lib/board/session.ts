/**
 * The workshop's facilitation state, kept in the board's document so every client sees the
 * same and it survives restarts: the timer, the voting round, the private round, whether
 * authors are shown, which areas are locked, and the last "bring everyone to me".
 *
 * Only the server writes it (facilitators send commands, see lib/facilitation); the sync
 * server undoes any client's change to it. Each field is one entry of a Y.Map, replaced whole,
 * so concurrent commands never produce a mix of two states.
 */
import type * as Y from 'yjs'
import { AREA_IDS, isAreaId, type AreaId } from '../planning/planningModel'
import { sessionMap } from './docLayout'
import { isFrameKey, type PresentationState } from './presentation'

export interface TimerState {
  state: 'idle' | 'running' | 'paused'
  /** Full length of the round, for display. */
  durationMs: number
  /** Server epoch ms when a running timer ends. */
  endsAt: number | null
  /** Time left while paused. */
  remainingMs: number | null
}

export interface VotingRound {
  id: string
  active: boolean
  votesPerPerson: number
  /** Areas whose notes may be voted on; null for the whole board. */
  areas: AreaId[] | null
  anonymous: boolean
  /** Counts and results stay hidden (sealed in the document) until the round ends. */
  hideTally?: boolean
  /** After the round, its counts show on the notes (the facilitator's choice). */
  resultsShown?: boolean
  startedAt: number
  endedAt: number | null
}

export interface PrivateRound {
  id: string
  active: boolean
  startedAt: number
  revealedAt: number | null
}

/**
 * Room the zones keep free for a private round's notes, written by the sync server as
 * people write them (server/sync/privateRoom.ts): for each area, the most notes any one person
 * has written there in the round. Everyone's private notes go to the free cells each sees alone,
 * so a zone holding that many free cells has room for each person's; the layout keeper grows a
 * full zone to hold them (lib/board/arrangeRecords.ts, `reserve`). Others see a zone grow, never
 * what is written in it.
 */
export interface PrivateRoom {
  roundId: string
  areas: Partial<Record<AreaId, number>>
}

/** The most free cells a zone keeps for a private round, however many one person writes. */
export const MAX_PRIVATE_ROOM = 200

export interface Summon {
  id: string
  /** The facilitator's user id (as in presence), whom everyone starts following. */
  userId: string
  name: string
  at: number
}

/** How full the board's document is, written by the sync server past its warning threshold. */
export interface DocFill {
  /** Percent of the document size limit (`SYNC_MAX_DOC_BYTES`) in use when it was measured. */
  percent: number
  /** When it was measured (server epoch ms). */
  at: number
}

export interface SessionState {
  timer: TimerState
  voting: VotingRound | null
  /** Earlier, ended rounds, oldest first (their votes stay in the document). */
  pastVotingRounds: VotingRound[]
  privateRound: PrivateRound | null
  /** Room kept in the zones for the private round's notes (see {@link PrivateRoom}). */
  privateRoom: PrivateRoom | null
  showAuthors: boolean
  /** An anonymous board records and shows no authors at all. */
  anonymous: boolean
  lockedAreas: AreaId[]
  summon: Summon | null
  /** The frame the facilitator is presenting, or null when not presenting. */
  presentation: PresentationState | null
  /** Set by the sync server while the document is near its size limit (server/sync/docFill.ts). */
  docFill: DocFill | null
}

export const IDLE_TIMER: TimerState = { state: 'idle', durationMs: 0, endsAt: null, remainingMs: null }

export const DEFAULT_SESSION: SessionState = {
  timer: IDLE_TIMER,
  voting: null,
  pastVotingRounds: [],
  privateRound: null,
  privateRoom: null,
  showAuthors: true,
  anonymous: false,
  lockedAreas: [],
  summon: null,
  presentation: null,
  docFill: null,
}

type Key = keyof SessionState

/** Ended voting rounds a board remembers. */
export const MAX_PAST_ROUNDS = 20

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v)
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

// Readers are defensive: the document is shared, so a field may hold anything.
const readers: { [K in Key]: (value: unknown) => SessionState[K] } = {
  timer(v) {
    if (!isObject(v) || !['idle', 'running', 'paused'].includes(v.state as string)) return IDLE_TIMER
    return {
      state: v.state as TimerState['state'],
      durationMs: num(v.durationMs) ?? 0,
      endsAt: num(v.endsAt),
      remainingMs: num(v.remainingMs),
    }
  },
  voting(v) {
    if (!isObject(v) || !str(v.id)) return null
    const areas = Array.isArray(v.areas) ? v.areas.filter(isAreaId) : null
    return {
      id: v.id as string,
      active: v.active === true,
      votesPerPerson: Math.max(1, Math.min(99, Math.floor(num(v.votesPerPerson) ?? 3))),
      areas: areas && areas.length > 0 ? areas : null,
      anonymous: v.anonymous === true,
      hideTally: v.hideTally === true,
      resultsShown: v.resultsShown === true,
      startedAt: num(v.startedAt) ?? 0,
      endedAt: num(v.endedAt),
    }
  },
  pastVotingRounds(v) {
    if (!Array.isArray(v)) return []
    return v.slice(-MAX_PAST_ROUNDS).flatMap((round) => {
      const read = readers.voting(round)
      return read ? [{ ...read, active: false }] : []
    })
  },
  privateRound(v) {
    if (!isObject(v) || !str(v.id)) return null
    return { id: v.id as string, active: v.active === true, startedAt: num(v.startedAt) ?? 0, revealedAt: num(v.revealedAt) }
  },
  privateRoom(v) {
    if (!isObject(v) || !str(v.roundId) || !isObject(v.areas)) return null
    const counts = v.areas
    const areas: Partial<Record<AreaId, number>> = {}
    for (const id of AREA_IDS) {
      const count = Math.floor(num(counts[id]) ?? 0)
      if (count > 0) areas[id] = Math.min(MAX_PRIVATE_ROOM, count)
    }
    return { roundId: v.roundId as string, areas }
  },
  showAuthors: (v) => v !== false,
  anonymous: (v) => v === true,
  lockedAreas: (v) => (Array.isArray(v) ? AREA_IDS.filter((id) => v.includes(id)) : []),
  presentation(v) {
    if (!isObject(v) || !str(v.id) || !isFrameKey(v.frame)) return null
    return { id: v.id as string, frame: v.frame, page: Math.max(0, Math.min(999, Math.floor(num(v.page) ?? 0))) }
  },
  docFill(v) {
    if (!isObject(v) || num(v.percent) === null) return null
    return { percent: Math.max(0, Math.min(100, Math.floor(v.percent as number))), at: num(v.at) ?? 0 }
  },
  summon(v) {
    if (!isObject(v) || !str(v.id) || !str(v.userId)) return null
    return { id: v.id as string, userId: v.userId as string, name: str(v.name) ?? '', at: num(v.at) ?? 0 }
  },
}

export function readSession(doc: Y.Doc): SessionState {
  const map = sessionMap(doc)
  const state = { ...DEFAULT_SESSION }
  for (const key of Object.keys(readers) as Key[]) {
    if (map.has(key)) (state as Record<Key, unknown>)[key] = readers[key](map.get(key))
  }
  return state
}

/** Writes the given fields (whole values) in the caller's transaction. */
export function writeSession(doc: Y.Doc, patch: Partial<SessionState>): void {
  const map = sessionMap(doc)
  for (const [key, value] of Object.entries(patch)) {
    map.set(key, value === undefined ? null : JSON.parse(JSON.stringify(value)))
  }
}

/** The room the zones keep for the active private round's notes, if one runs. */
export function privateRoomNow(session: Pick<SessionState, 'privateRound' | 'privateRoom'>): Partial<Record<AreaId, number>> | undefined {
  const { privateRound, privateRoom } = session
  return privateRound?.active && privateRoom?.roundId === privateRound.id ? privateRoom.areas : undefined
}

/**
 * Whether notes of a private round may still lie only in their authors' documents: the round
 * runs, or it has been closed and its reveal has not finished publishing them. Zones must not
 * shrink then — those notes lie in cells the board sees as empty.
 */
export function privateNotesHidden(session: Pick<SessionState, 'privateRound'>): boolean {
  return !!session.privateRound && session.privateRound.revealedAt === null
}

/** Time left on the timer at `now` (server time), never negative. */
export function timerRemainingMs(timer: TimerState, now: number): number {
  if (timer.state === 'running' && timer.endsAt !== null) return Math.max(0, timer.endsAt - now)
  if (timer.state === 'paused' && timer.remainingMs !== null) return Math.max(0, timer.remainingMs)
  return 0
}
