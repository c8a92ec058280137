/** Planning rounds in the PostgreSQL store; the same promises as ./sqliteRoundStore.ts. */
import type pg from 'pg'
import type { RoundStore } from '../../lib/store/types'
import type { Transaction } from './postgresBoardLifecycle'
import {
  compareRoundBoards,
  newRoundRecord,
  ROUND_BOARD_COLUMNS,
  toRound,
  toRoundBoard,
  type RoundBoardRow,
  type RoundRow,
} from './roundRows'

export function openPostgresRoundStore(pool: pg.Pool, transaction: Transaction): RoundStore {
  return {
    async create(input) {
      const round = newRoundRecord(input)
      await transaction(async (client) => {
        await client.query(
          'INSERT INTO rounds (id, name, period, template_version, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [round.id, round.name, round.period, round.templateVersion, round.createdBy, round.createdAt],
        )
        await client.query('INSERT INTO round_facilitators (round_id, user_id) VALUES ($1, $2)', [round.id, round.createdBy])
      })
      return round
    },
    async get(id) {
      const { rows } = await pool.query<RoundRow>('SELECT * FROM rounds WHERE id = $1', [id])
      return rows[0] ? toRound(rows[0]) : null
    },
    async listForUser(userId) {
      const { rows } = await pool.query<RoundRow>(
        `SELECT r.* FROM rounds r JOIN round_facilitators f ON f.round_id = r.id
         WHERE f.user_id = $1 ORDER BY r.created_at DESC, r.id DESC`,
        [userId],
      )
      return rows.map(toRound)
    },
    async isFacilitator(roundId, userId) {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM round_facilitators f JOIN users u ON u.id = f.user_id
         WHERE f.round_id = $1 AND f.user_id = $2 AND u.removed_at IS NULL`,
        [roundId, userId],
      )
      return Number(rows[0].n) > 0
    },
    async addFacilitator(roundId, userId) {
      await pool.query('INSERT INTO round_facilitators (round_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [roundId, userId])
    },
    async facilitators(roundId) {
      const { rows } = await pool.query<{ user_id: string }>(
        'SELECT user_id FROM round_facilitators WHERE round_id = $1 ORDER BY user_id',
        [roundId],
      )
      return rows.map((row) => row.user_id)
    },
    async addBoard(roundId, board) {
      const addedAt = Date.now()
      await pool.query('INSERT INTO round_boards (round_id, board_id, kind, branch, added_at) VALUES ($1, $2, $3, $4, $5)', [
        roundId,
        board.boardId,
        board.kind,
        board.branch,
        addedAt,
      ])
      return { roundId, boardId: board.boardId, kind: board.kind, branch: board.branch, addedAt, doneAt: null }
    },
    async boards(roundId) {
      const { rows } = await pool.query<RoundBoardRow>(
        `SELECT ${ROUND_BOARD_COLUMNS} FROM round_boards rb JOIN boards b ON b.id = rb.board_id
         WHERE rb.round_id = $1 AND b.deleted_at IS NULL`,
        [roundId],
      )
      return rows.map(toRoundBoard).sort(compareRoundBoards)
    },
    async setDone(roundId, boardId, at) {
      const result = await pool.query('UPDATE round_boards SET done_at = $1 WHERE round_id = $2 AND board_id = $3', [at, roundId, boardId])
      return result.rowCount === 1
    },
    async roundsOfBoard(boardId) {
      const { rows } = await pool.query<RoundBoardRow>(`SELECT ${ROUND_BOARD_COLUMNS} FROM round_boards rb WHERE rb.board_id = $1`, [
        boardId,
      ])
      return rows.map(toRoundBoard)
    },
  }
}
