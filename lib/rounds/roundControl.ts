/**
 * What route handlers may ask of planning rounds (server/rounds/roundService.ts implements it).
 * Every call names who asks; the service checks their right, so no route can forget to.
 *
 * Access: a round's facilitators hold the facilitator role on every board of the round (given
 * to them when the board or they join the round) and alone see its overview, roll-up and CSV.
 * A branch's facilitator holds a role on their own board only. Adding an existing board needs
 * the facilitator role on it, so nobody reaches a board through a round that they were not given.
 */
import type { Locale } from '../i18n/locales'
import type { RoundBoardRecord, RoundRecord } from '../store/types'
import type { AreaId, StepNumber } from '../planning/planningModel'
import type { RollUp } from './rollUp'

export interface RoundActor {
  id: string
  name: string
}

export type RoundErrorStatus = 400 | 403 | 404 | 409

/** A refusal with the HTTP status a route answers it with. */
export class RoundError extends Error {
  readonly name = 'RoundError'
  constructor(
    readonly status: RoundErrorStatus,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Whether `error` is a {@link RoundError}, told by its name: Next bundles route handlers apart
 * from the server, so the class a route sees is not the one the service threw.
 */
export function isRoundError(error: unknown): error is RoundError {
  return error instanceof Error && error.name === 'RoundError' && typeof (error as RoundError).status === 'number'
}

export interface NewBranch {
  name: string
  /** An existing account that becomes the branch board's facilitator. */
  facilitatorEmail?: string
}

export interface NewRoundInput {
  name: string
  period: string
  locale: Locale
  branches: NewBranch[]
  /** Existing boards to add as branches (the caller must facilitate each). */
  existing?: { boardId: string; branch: string }[]
}

export interface CreatedBranch {
  boardId: string
  branch: string
  /** The secret of the branch's participant invite link (shown once). */
  inviteToken: string | null
}

export interface CreatedRound {
  round: RoundRecord
  centralBoardId: string
  branches: CreatedBranch[]
}

export interface OverviewArea {
  areaId: AreaId
  step: StepNumber
  notes: number
  themes: number
  votes: number
}

export interface OverviewBoard {
  boardId: string
  name: string
  branch: string
  kind: RoundBoardRecord['kind']
  done: boolean
  doneAt: number | null
  notes: number
  themes: number
  votes: number
  participantCount: number
  participants: string[]
  areas: OverviewArea[]
}

export interface RoundOverview {
  round: RoundRecord
  boards: OverviewBoard[]
  generatedAt: number
}

export interface RoundControl {
  create(by: RoundActor, input: NewRoundInput): Promise<CreatedRound>
  list(by: RoundActor): Promise<RoundRecord[]>
  get(by: RoundActor, roundId: string): Promise<{ round: RoundRecord; boards: (RoundBoardRecord & { name: string })[] }>
  addBranch(by: RoundActor, roundId: string, branch: NewBranch): Promise<CreatedBranch>
  addExisting(by: RoundActor, roundId: string, boardId: string, branch: string): Promise<RoundBoardRecord>
  addFacilitator(by: RoundActor, roundId: string, email: string): Promise<void>
  setDone(by: RoundActor, roundId: string, boardId: string, done: boolean): Promise<void>
  overview(by: RoundActor, roundId: string): Promise<RoundOverview>
  rollUp(by: RoundActor, roundId: string): Promise<RollUp & { round: RoundRecord; centralBoardId: string | null }>
  promote(by: RoundActor, roundId: string, item: { boardId: string; id: string }): Promise<{ noteId: string; areaId: AreaId }>
  exportCsv(by: RoundActor, roundId: string, separator?: ',' | ';'): Promise<{ round: RoundRecord; csv: string }>
}
