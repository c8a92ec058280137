/**
 * A person's rights over their data: everything the installation holds about them as one JSON
 * document (GDPR Art. 15 and 20), and removal (Art. 17) — the account or guest goes, their name
 * goes from every board's documents, snapshots' takers and the audit log, while the notes they
 * wrote stay on the boards under "borttagen användare" (a library's plan material is an
 * official record). Their open sockets close at once.
 *
 * A person is a staff id or a guest's `guest:<id>`, as in room tokens and note authorship.
 */
import { randomBytes } from 'node:crypto'
import * as Y from 'yjs'
import { guestIdOf } from '../../lib/auth/boardAccess'
import { boardDocId, privateDocId, privateDocPrefix } from '../../lib/board/docIds'
import { erasePersonFromDoc, findPersonInDoc, type PersonInDoc } from '../../lib/board/personData'
import type { Locale } from '../../lib/i18n/locales'
import type { PeopleControl } from '../../lib/runtime/appContext'
import type { BoardRecord, NewAuditEntry, Store } from '../../lib/store/types'
import type { Logger } from '../logger'
import type { SyncServer } from '../sync/createSyncServer'
import { Closes } from '../../lib/sync/closeCodes'

/** What stands where a removed person's name stood, in the board's language. */
export const ERASED_NAME: Record<Locale, string> = { sv: 'borttagen användare', en: 'removed user' }

export const PERSONAL_DATA_FORMAT = 'strategitavlan-personal-data'

export interface PeopleServiceOptions {
  store: Store
  sync: Pick<SyncServer, 'readDoc' | 'changeDoc' | 'disconnect' | 'room'>
  audit(entry: NewAuditEntry): Promise<void>
  logger: Logger
}

export function createPeopleService(options: PeopleServiceOptions): PeopleControl {
  const { store, sync } = options

  /** The documents of a board that may name the person: its own, and every private one. */
  async function docsOf(board: BoardRecord): Promise<string[]> {
    return [boardDocId(board.id), ...(await store.docs.listDocIds(privateDocPrefix(board.id)))]
  }

  /** Boards the person may appear on: every board for staff, the one board for a guest. */
  async function boardsFor(personId: string, guestBoardId: string | null): Promise<BoardRecord[]> {
    const all = await store.boards.listAll()
    return guestBoardId ? all.filter((board) => board.id === guestBoardId) : all
  }

  async function onBoards(personId: string, boards: BoardRecord[]) {
    const found: { boardId: string; boardName: string; doc: 'board' | 'private'; content: PersonInDoc }[] = []
    for (const board of boards) {
      for (const docId of await docsOf(board)) {
        const content = await sync.readDoc(docId, (doc) => findPersonInDoc(doc, personId))
        const isOwnPrivate = docId === privateDocId(board.id, personId)
        if (content.records.length === 0 && content.votes.length === 0 && !isOwnPrivate) continue
        found.push({ boardId: board.id, boardName: board.name, doc: docId === board.id ? 'board' : 'private', content })
      }
    }
    return found
  }

  /** Named snapshots hold whole document states: the name goes from each one that has it. */
  async function eraseFromSnapshots(board: BoardRecord, personId: string, anonymousVoter: string) {
    for (const record of await store.snapshots.list(board.id)) {
      const snapshot = await store.snapshots.get(board.id, record.id)
      if (!snapshot) continue
      const doc = new Y.Doc({ gc: true })
      try {
        Y.applyUpdate(doc, snapshot.state)
        const found = findPersonInDoc(doc, personId)
        if (found.records.length === 0 && found.votes.length === 0) continue
        doc.transact(() => erasePersonFromDoc(doc, personId, ERASED_NAME[board.locale], anonymousVoter))
        await store.snapshots.replaceState(board.id, record.id, Y.encodeStateAsUpdate(doc))
      } finally {
        doc.destroy()
      }
    }
  }

  return {
    async exportData(personId, by) {
      const guestId = guestIdOf(personId)
      let person: Record<string, unknown>
      let guestBoardId: string | null = null
      if (guestId) {
        const guest = await store.guests.get(guestId)
        if (!guest) return null
        const invite = await store.invites.get(guest.inviteId)
        guestBoardId = guest.boardId
        person = {
          kind: 'guest',
          id: personId,
          name: guest.name,
          joinedAt: guest.createdAt,
          boardId: guest.boardId,
          invite: invite ? { id: invite.id, label: invite.label, role: invite.role, expiresAt: invite.expiresAt } : null,
        }
      } else {
        const user = await store.users.get(personId)
        if (!user) return null
        person = {
          kind: 'staff',
          id: user.id,
          name: user.name,
          email: user.email,
          isAdmin: user.isAdmin,
          locale: user.locale,
          createdAt: user.createdAt,
          // The password itself is never stored, only a one-way hash; whether there is one is theirs to know.
          hasPassword: user.passwordHash !== null,
          sessionsEndedAt: user.sessionsValidAfter || null,
        }
      }
      const boards = await boardsFor(personId, guestBoardId)
      const data = {
        format: PERSONAL_DATA_FORMAT,
        version: 1,
        exportedAt: new Date().toISOString(),
        person,
        memberships: guestId
          ? []
          : (await store.boards.listForUser(personId)).map((b) => ({ boardId: b.id, boardName: b.name, role: b.role })),
        boardsCreated: boards.filter((b) => b.createdBy === personId).map((b) => ({ id: b.id, name: b.name, createdAt: b.createdAt })),
        invitesCreated: guestId
          ? []
          : (await store.invites.listCreatedBy(personId)).map((i) => ({
              id: i.id,
              boardId: i.boardId,
              label: i.label,
              role: i.role,
              createdAt: i.createdAt,
              expiresAt: i.expiresAt,
              revokedAt: i.revokedAt,
            })),
        // Planning rounds the person facilitates (issue 18); guests facilitate none.
        roundsFacilitated: guestId
          ? []
          : (await store.rounds.listForUser(personId)).map((r) => ({
              id: r.id,
              name: r.name,
              period: r.period,
              createdAt: r.createdAt,
              createdByThem: r.createdBy === personId,
            })),
        snapshotsTaken: (await store.snapshots.listCreatedBy(personId)).map((s) => ({
          id: s.id,
          boardId: s.boardId,
          name: s.name,
          createdAt: s.createdAt,
        })),
        onBoards: await onBoards(personId, boards),
        auditLog: await store.audit.listAbout(personId),
      }
      await options.audit({ actor: by, action: 'data-exported', boardId: null, targetId: personId, detail: null })
      return data
    },

    async remove(personId, by) {
      const guestId = guestIdOf(personId)
      const guest = guestId ? await store.guests.get(guestId) : null
      if (guestId ? !guest : !(await store.users.get(personId))) return false
      // First out of every room, so that nothing they still send lands after the erasure.
      sync.disconnect((principal) => principal.userId === personId, Closes.accountRemoved.code, Closes.accountRemoved.reason)
      const anonymousVoter = `removed-${randomBytes(9).toString('base64url')}`
      for (const board of await boardsFor(personId, guest?.boardId ?? null)) {
        for (const docId of await docsOf(board)) {
          const found = await sync.readDoc(docId, (doc) => findPersonInDoc(doc, personId))
          if (found.records.length === 0 && found.votes.length === 0) continue
          await sync.changeDoc(docId, (doc) => erasePersonFromDoc(doc, personId, ERASED_NAME[board.locale], anonymousVoter))
          // The stored update log still holds the old name until it is compacted into one state.
          await sync.room(docId)?.compact()
        }
        await eraseFromSnapshots(board, personId, anonymousVoter)
      }
      if (guestId) await store.guests.remove(guestId)
      else await store.users.remove(personId, ERASED_NAME.sv)
      await options.audit({ actor: by, action: 'person-removed', boardId: guest?.boardId ?? null, targetId: personId, detail: null })
      options.logger.info({ person: personId }, 'person removed')
      return true
    },

    async endSessions(personId, by) {
      if (guestIdOf(personId) || !(await store.users.get(personId))) return false
      await store.users.endSessions(personId, Date.now())
      sync.disconnect((principal) => principal.userId === personId, Closes.signedOutEverywhere.code, Closes.signedOutEverywhere.reason)
      await options.audit({ actor: by, action: 'sessions-ended', boardId: null, targetId: personId, detail: null })
      return true
    },
  }
}
