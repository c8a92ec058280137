/** Planning rounds in the SQLite store (see lib/store/types.ts, RoundStore). */
import type Database from 'better-sqlite3'
import type { RoundStore } from '../../lib/store/types'
import {
  compareRoundBoards,
  newRoundRecord,
  ROUND_BOARD_COLUMNS,
  toRound,
  toRoundBoard,
  type RoundBoardRow,
  type RoundRow,
} from './roundRows'

export function openSqliteRoundStore(db: Database.Database): RoundStore {
  const q = {
    insert: db.prepare('INSERT INTO rounds (id, name, period, template_version, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    addFacilitator: db.prepare('INSERT OR IGNORE INTO round_facilitators (round_id, user_id) VALUES (?, ?)'),
    byId: db.prepare<[string], RoundRow>('SELECT * FROM rounds WHERE id = ?'),
    forUser: db.prepare<[string], RoundRow>(
      `SELECT r.* FROM rounds r JOIN round_facilitators f ON f.round_id = r.id
       WHERE f.user_id = ? ORDER BY r.created_at DESC, r.rowid DESC`,
    ),
    isFacilitator: db.prepare<[string, string], { n: number }>(
      `SELECT COUNT(*) AS n FROM round_facilitators f JOIN users u ON u.id = f.user_id
       WHERE f.round_id = ? AND f.user_id = ? AND u.removed_at IS NULL`,
    ),
    facilitators: db.prepare<[string], { user_id: string }>('SELECT user_id FROM round_facilitators WHERE round_id = ? ORDER BY user_id'),
    addBoard: db.prepare('INSERT INTO round_boards (round_id, board_id, kind, branch, added_at) VALUES (?, ?, ?, ?, ?)'),
    boards: db.prepare<[string], RoundBoardRow>(
      `SELECT ${ROUND_BOARD_COLUMNS} FROM round_boards rb JOIN boards b ON b.id = rb.board_id
       WHERE rb.round_id = ? AND b.deleted_at IS NULL`,
    ),
    setDone: db.prepare('UPDATE round_boards SET done_at = ? WHERE round_id = ? AND board_id = ?'),
    ofBoard: db.prepare<[string], RoundBoardRow>(`SELECT ${ROUND_BOARD_COLUMNS} FROM round_boards rb WHERE rb.board_id = ?`),
  }
  const create = db.transaction((round: ReturnType<typeof newRoundRecord>) => {
    q.insert.run(round.id, round.name, round.period, round.templateVersion, round.createdBy, round.createdAt)
    q.addFacilitator.run(round.id, round.createdBy)
  })
  return {
    async create(input) {
      const round = newRoundRecord(input)
      create(round)
      return round
    },
    async get(id) {
      const row = q.byId.get(id)
      return row ? toRound(row) : null
    },
    async listForUser(userId) {
      return q.forUser.all(userId).map(toRound)
    },
    async isFacilitator(roundId, userId) {
      return q.isFacilitator.get(roundId, userId)!.n > 0
    },
    async addFacilitator(roundId, userId) {
      q.addFacilitator.run(roundId, userId)
    },
    async facilitators(roundId) {
      return q.facilitators.all(roundId).map((row) => row.user_id)
    },
    async addBoard(roundId, board) {
      const addedAt = Date.now()
      q.addBoard.run(roundId, board.boardId, board.kind, board.branch, addedAt)
      return { roundId, boardId: board.boardId, kind: board.kind, branch: board.branch, addedAt, doneAt: null }
    },
    async boards(roundId) {
      return q.boards.all(roundId).map(toRoundBoard).sort(compareRoundBoards)
    },
    async setDone(roundId, boardId, at) {
      return q.setDone.run(at, roundId, boardId).changes === 1
    },
    async roundsOfBoard(boardId) {
      return q.ofBoard.all(boardId).map(toRoundBoard)
    },
  }
}
