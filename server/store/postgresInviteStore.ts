/**
 * Invite links and the guests who joined through them, in the PostgreSQL store. Only a link's
 * token hash is stored; the schema ties every guest to a board through its invite.
 */
import type { Pool } from 'pg'
import type { GuestStore, InviteStore } from '../../lib/store/types'
import { INVITE_COLUMNS, newGuestRecord, newInviteRecord, toGuest, toInvite, type GuestRow, type InviteRow } from './rows'

const GUEST_COLUMNS = 'id, board_id, invite_id, name, created_at'

export function openPostgresInviteStores(pool: Pool): { invites: InviteStore; guests: GuestStore } {
  return {
    invites: {
      async create(invite) {
        const record = newInviteRecord(invite)
        await pool.query(
          `INSERT INTO invites (id, board_id, token_hash, role, label, created_by, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [record.id, record.boardId, invite.tokenHash, record.role, record.label, record.createdBy, record.createdAt, record.expiresAt],
        )
        return record
      },
      async get(id) {
        const { rows } = await pool.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE id = $1`, [id])
        return rows[0] ? toInvite(rows[0]) : null
      },
      async findByTokenHash(tokenHash) {
        const { rows } = await pool.query<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE token_hash = $1`, [tokenHash])
        return rows[0] ? toInvite(rows[0]) : null
      },
      async listForBoard(boardId) {
        const { rows } = await pool.query<InviteRow>(
          // seq breaks ties between invites made in the same millisecond.
          `SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = $1 ORDER BY created_at DESC, seq DESC`,
          [boardId],
        )
        return rows.map(toInvite)
      },
      async revoke(id, at = Date.now()) {
        const result = await pool.query('UPDATE invites SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])
        return result.rowCount === 1
      },
      async listCreatedBy(userId) {
        const { rows } = await pool.query<InviteRow>(
          `SELECT ${INVITE_COLUMNS} FROM invites WHERE created_by = $1 ORDER BY created_at DESC, seq DESC`,
          [userId],
        )
        return rows.map(toInvite)
      },
    },
    guests: {
      async create(guest) {
        const record = newGuestRecord(guest)
        await pool.query('INSERT INTO guests (id, board_id, invite_id, name, created_at) VALUES ($1, $2, $3, $4, $5)', [
          record.id,
          record.boardId,
          record.inviteId,
          record.name,
          record.createdAt,
        ])
        return record
      },
      async get(id) {
        const { rows } = await pool.query<GuestRow>(`SELECT ${GUEST_COLUMNS} FROM guests WHERE id = $1`, [id])
        return rows[0] ? toGuest(rows[0]) : null
      },
      async listForInvite(inviteId) {
        const { rows } = await pool.query<GuestRow>(`SELECT ${GUEST_COLUMNS} FROM guests WHERE invite_id = $1 ORDER BY created_at, seq`, [
          inviteId,
        ])
        return rows.map(toGuest)
      },
      async rename(id, name) {
        const result = await pool.query('UPDATE guests SET name = $1 WHERE id = $2', [name, id])
        return result.rowCount === 1
      },
      async remove(id) {
        const result = await pool.query('DELETE FROM guests WHERE id = $1', [id])
        return result.rowCount === 1
      },
    },
  }
}
