/**
 * Invite links and the guests who joined through them, in the SQLite store. Only a link's
 * token hash is stored; the schema ties every guest to a board through its invite.
 */
import type Database from 'better-sqlite3'
import type { GuestStore, InviteStore } from '../../lib/store/types'
import { INVITE_COLUMNS, newGuestRecord, newInviteRecord, toGuest, toInvite, type GuestRow, type InviteRow } from './rows'

export function openSqliteInviteStores(db: Database.Database): { invites: InviteStore; guests: GuestStore } {
  const q = {
    inviteInsert: db.prepare(
      `INSERT INTO invites (id, board_id, token_hash, role, label, created_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    inviteById: db.prepare<[string], InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE id = ?`),
    inviteByTokenHash: db.prepare<[string], InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites WHERE token_hash = ?`),
    invitesForBoard: db.prepare<[string], InviteRow>(
      // rowid breaks ties between invites made in the same millisecond.
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE board_id = ? ORDER BY created_at DESC, rowid DESC`,
    ),
    invitesCreatedBy: db.prepare<[string], InviteRow>(
      `SELECT ${INVITE_COLUMNS} FROM invites WHERE created_by = ? ORDER BY created_at DESC, rowid DESC`,
    ),
    inviteRevoke: db.prepare('UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    guestInsert: db.prepare('INSERT INTO guests (id, board_id, invite_id, name, created_at) VALUES (?, ?, ?, ?, ?)'),
    guestById: db.prepare<[string], GuestRow>('SELECT * FROM guests WHERE id = ?'),
    guestDelete: db.prepare('DELETE FROM guests WHERE id = ?'),
    guestRename: db.prepare('UPDATE guests SET name = ? WHERE id = ?'),
    guestsForInvite: db.prepare<[string], GuestRow>('SELECT * FROM guests WHERE invite_id = ? ORDER BY created_at, rowid'),
  }

  return {
    invites: {
      async create(invite) {
        const record = newInviteRecord(invite)
        q.inviteInsert.run(
          record.id,
          record.boardId,
          invite.tokenHash,
          record.role,
          record.label,
          record.createdBy,
          record.createdAt,
          record.expiresAt,
        )
        return record
      },
      async get(id) {
        const row = q.inviteById.get(id)
        return row ? toInvite(row) : null
      },
      async findByTokenHash(tokenHash) {
        const row = q.inviteByTokenHash.get(tokenHash)
        return row ? toInvite(row) : null
      },
      async listForBoard(boardId) {
        return q.invitesForBoard.all(boardId).map(toInvite)
      },
      async revoke(id, at = Date.now()) {
        return q.inviteRevoke.run(at, id).changes === 1
      },
      async listCreatedBy(userId) {
        return q.invitesCreatedBy.all(userId).map(toInvite)
      },
    },
    guests: {
      async create(guest) {
        const record = newGuestRecord(guest)
        q.guestInsert.run(record.id, record.boardId, record.inviteId, record.name, record.createdAt)
        return record
      },
      async get(id) {
        const row = q.guestById.get(id)
        return row ? toGuest(row) : null
      },
      async listForInvite(inviteId) {
        return q.guestsForInvite.all(inviteId).map(toGuest)
      },
      async rename(id, name) {
        return q.guestRename.run(name, id).changes === 1
      },
      async remove(id) {
        return q.guestDelete.run(id).changes === 1
      },
    },
  }
}
