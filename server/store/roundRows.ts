/** The rows of planning rounds both stores read back, and how they become records. */
import { newId } from '../../lib/ids'
import type { NewRound, RoundBoardKind, RoundBoardRecord, RoundRecord } from '../../lib/store/types'

export interface RoundRow {
  id: string
  name: string
  period: string
  template_version: number
  created_by: string | null
  created_at: number
}

export interface RoundBoardRow {
  round_id: string
  board_id: string
  kind: RoundBoardKind
  branch: string
  added_at: number
  done_at: number | null
}

export const ROUND_BOARD_COLUMNS = 'rb.round_id, rb.board_id, rb.kind, rb.branch, rb.added_at, rb.done_at'

export const toRound = (row: RoundRow): RoundRecord => ({
  id: row.id,
  name: row.name,
  period: row.period,
  templateVersion: Number(row.template_version),
  createdBy: row.created_by,
  createdAt: row.created_at,
})

export const toRoundBoard = (row: RoundBoardRow): RoundBoardRecord => ({
  roundId: row.round_id,
  boardId: row.board_id,
  kind: row.kind,
  branch: row.branch,
  addedAt: row.added_at,
  doneAt: row.done_at,
})

export function newRoundRecord(round: NewRound): RoundRecord {
  return {
    id: newId(),
    name: round.name,
    period: round.period,
    templateVersion: round.templateVersion,
    createdBy: round.createdBy,
    createdAt: Date.now(),
  }
}

const byBranch = new Intl.Collator('sv', { sensitivity: 'base' }).compare

/** The central board first, then branches in Swedish alphabetical order (whatever the collation). */
export const compareRoundBoards = (a: RoundBoardRecord, b: RoundBoardRecord): number =>
  (a.kind === 'central' ? 0 : 1) - (b.kind === 'central' ? 0 : 1) || byBranch(a.branch, b.branch) || a.boardId.localeCompare(b.boardId)
