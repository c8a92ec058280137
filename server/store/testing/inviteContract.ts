/**
 * The part of the store contract about invite links and guests, and the access they give
 * (through `roleOfUserId`, the rule the pages and the sync server share). Run by
 * {@link describeStoreContract} for every implementation.
 */
import { describe, expect, it } from 'vitest'
import { guestUserId, roleOfUserId } from '../../../lib/auth/boardAccess'
import { hashInviteToken, newInviteToken } from '../../../lib/auth/inviteToken'
import type { BoardRecord, NewInvite, Store, UserRecord } from '../../../lib/store/types'
import { boardFixture } from './contractFixture'
import type { OpenedStore } from './contractFixture'

const DAY = 24 * 60 * 60 * 1000

/** Waits until the clock has moved on, so records made next have a later `createdAt`. */
async function nextMillisecond(): Promise<void> {
  const start = Date.now()
  while (Date.now() === start) await new Promise((resolve) => setTimeout(resolve, 1))
}

export function describeInviteContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`${name} store contract: invites and guests`, () => {
    let store: Store
    let facilitator: UserRecord
    let board: BoardRecord
    const { newBoard } = boardFixture(open, (fixture) => ({ store, facilitator, board } = fixture))

    function inviteFor(overrides: Partial<NewInvite> = {}): NewInvite {
      return {
        boardId: board.id,
        role: 'participant',
        label: 'Filial Skärholmen',
        createdBy: facilitator.id,
        expiresAt: Date.now() + DAY,
        tokenHash: hashInviteToken(newInviteToken()),
        ...overrides,
      }
    }

    describe('invites', () => {
      it('creates an invite that can be read back by id and by its token’s hash', async () => {
        const token = newInviteToken()
        const before = Date.now()
        const invite = await store.invites.create(inviteFor({ tokenHash: hashInviteToken(token), role: 'observer' }))
        expect(invite).toMatchObject({
          boardId: board.id,
          role: 'observer',
          label: 'Filial Skärholmen',
          createdBy: facilitator.id,
          revokedAt: null,
        })
        expect(invite.createdAt).toBeGreaterThanOrEqual(before)
        expect(invite.createdAt).toBeLessThanOrEqual(Date.now())
        expect(await store.invites.get(invite.id)).toEqual(invite)
        expect(await store.invites.findByTokenHash(hashInviteToken(token))).toEqual(invite)
      })

      it('keeps an invite without a label and its exact expiry', async () => {
        const expiresAt = Date.now() + 3 * DAY + 123
        const invite = await store.invites.create(inviteFor({ label: null, expiresAt }))
        expect(await store.invites.get(invite.id)).toMatchObject({ label: null, expiresAt })
      })

      it('gives null for an unknown invite or token hash', async () => {
        await store.invites.create(inviteFor())
        expect(await store.invites.get('no-such-invite')).toBeNull()
        expect(await store.invites.findByTokenHash(hashInviteToken(newInviteToken()))).toBeNull()
      })

      it('refuses two invites with the same token hash', async () => {
        const tokenHash = hashInviteToken(newInviteToken())
        await store.invites.create(inviteFor({ tokenHash }))
        const otherBoard = await newBoard('Annan')
        await expect(store.invites.create(inviteFor({ tokenHash, boardId: otherBoard.id }))).rejects.toThrow()
        expect(await store.invites.listForBoard(otherBoard.id)).toEqual([])
      })

      it('lists a board’s invites newest first, revoked ones included', async () => {
        const first = await store.invites.create(inviteFor({ label: 'Första' }))
        await nextMillisecond()
        const second = await store.invites.create(inviteFor({ label: 'Andra' }))
        await nextMillisecond()
        const third = await store.invites.create(inviteFor({ label: 'Tredje' }))
        await store.invites.revoke(second.id)
        const listed = await store.invites.listForBoard(board.id)
        expect(listed.map((i) => i.id)).toEqual([third.id, second.id, first.id])
        expect(listed[1].revokedAt).not.toBeNull()
      })

      it('keeps the boards’ invites apart', async () => {
        const otherBoard = await newBoard('Annan')
        const ours = await store.invites.create(inviteFor())
        const theirs = await store.invites.create(inviteFor({ boardId: otherBoard.id }))
        expect(await store.invites.listForBoard(board.id)).toEqual([ours])
        expect(await store.invites.listForBoard(otherBoard.id)).toEqual([theirs])
        expect(await store.invites.listForBoard('no-such-board')).toEqual([])
      })

      it('revokes an invite at the given time, once', async () => {
        const invite = await store.invites.create(inviteFor())
        const at = Date.now() + 5000
        expect(await store.invites.revoke(invite.id, at)).toBe(true)
        expect((await store.invites.get(invite.id))?.revokedAt).toBe(at)
        expect(await store.invites.revoke(invite.id, at + 1000)).toBe(false)
        expect((await store.invites.get(invite.id))?.revokedAt).toBe(at)
      })

      it('revokes at the current time by default', async () => {
        const invite = await store.invites.create(inviteFor())
        const before = Date.now()
        await store.invites.revoke(invite.id)
        const revokedAt = (await store.invites.get(invite.id))!.revokedAt!
        expect(revokedAt).toBeGreaterThanOrEqual(before)
        expect(revokedAt).toBeLessThanOrEqual(Date.now())
      })

      it('answers false when revoking an unknown invite', async () => {
        expect(await store.invites.revoke('no-such-invite')).toBe(false)
      })

      it('revokes only the invite named', async () => {
        const revoked = await store.invites.create(inviteFor())
        const kept = await store.invites.create(inviteFor())
        await store.invites.revoke(revoked.id)
        expect((await store.invites.get(kept.id))?.revokedAt).toBeNull()
      })
    })

    describe('guests', () => {
      it('creates a guest under the name they gave, readable by id', async () => {
        const invite = await store.invites.create(inviteFor())
        const guest = await store.guests.create({ boardId: board.id, inviteId: invite.id, name: 'Filial Skärholmen' })
        expect(guest).toMatchObject({ boardId: board.id, inviteId: invite.id, name: 'Filial Skärholmen' })
        expect(await store.guests.get(guest.id)).toEqual(guest)
        expect(await store.guests.get('no-such-guest')).toBeNull()
      })

      it('gives every guest their own id, also under the same name', async () => {
        const invite = await store.invites.create(inviteFor())
        const a = await store.guests.create({ boardId: board.id, inviteId: invite.id, name: 'Kim' })
        const b = await store.guests.create({ boardId: board.id, inviteId: invite.id, name: 'Kim' })
        expect(a.id).not.toBe(b.id)
      })

      it('lists an invite’s guests in the order they joined', async () => {
        const invite = await store.invites.create(inviteFor())
        const other = await store.invites.create(inviteFor())
        const first = await store.guests.create({ boardId: board.id, inviteId: invite.id, name: 'Örjan' })
        await store.guests.create({ boardId: board.id, inviteId: other.id, name: 'Annan länk' })
        await nextMillisecond()
        const second = await store.guests.create({ boardId: board.id, inviteId: invite.id, name: 'Ada' })
        expect(await store.guests.listForInvite(invite.id)).toEqual([first, second])
        expect(await store.guests.listForInvite('no-such-invite')).toEqual([])
      })

      it('renames a guest, keeping who they are', async () => {
        const invite = await store.invites.create(inviteFor())
        const guest = await store.guests.create({ boardId: board.id, inviteId: invite.id, name: 'Kim' })
        expect(await store.guests.rename(guest.id, 'Kim på filialen')).toBe(true)
        expect(await store.guests.get(guest.id)).toEqual({ ...guest, name: 'Kim på filialen' })
        expect(await store.guests.rename('no-such-guest', 'Kim')).toBe(false)
      })

      it('refuses a guest for an unknown invite', async () => {
        await expect(store.guests.create({ boardId: board.id, inviteId: 'no-such-invite', name: 'Kim' })).rejects.toThrow()
      })

      it('refuses a guest on another board than their invite’s', async () => {
        const invite = await store.invites.create(inviteFor())
        const otherBoard = await newBoard('Annan')
        await expect(store.guests.create({ boardId: otherBoard.id, inviteId: invite.id, name: 'Kim' })).rejects.toThrow()
        expect(await store.guests.listForInvite(invite.id)).toEqual([])
      })
    })

    describe('access through invites', () => {
      it('gives a guest their invite’s role on its board, and none elsewhere', async () => {
        const invite = await store.invites.create(inviteFor({ role: 'observer' }))
        const guest = await store.guests.create({ boardId: board.id, inviteId: invite.id, name: 'Kim' })
        const otherBoard = await newBoard('Annan')
        expect(await roleOfUserId(store, guestUserId(guest.id), board.id)).toBe('observer')
        expect(await roleOfUserId(store, guestUserId(guest.id), otherBoard.id)).toBeNull()
      })

      it('takes a guest’s role away when their invite is revoked', async () => {
        const invite = await store.invites.create(inviteFor())
        const guest = await store.guests.create({ boardId: board.id, inviteId: invite.id, name: 'Kim' })
        await store.invites.revoke(invite.id)
        expect(await roleOfUserId(store, guestUserId(guest.id), board.id)).toBeNull()
      })

      it('lets a guest who joined stay after the invite expired', async () => {
        const invite = await store.invites.create(inviteFor({ expiresAt: Date.now() - 1000 }))
        const guest = await store.guests.create({ boardId: board.id, inviteId: invite.id, name: 'Kim' })
        expect(await roleOfUserId(store, guestUserId(guest.id), board.id)).toBe('participant')
      })

      it('gives an unknown guest no role', async () => {
        expect(await roleOfUserId(store, guestUserId('no-such-guest'), board.id)).toBeNull()
      })

      it('answers many people’s access to a board at once, leaving out whoever has none', async () => {
        const member = await store.users.create({ email: 'bertil@bibliotek.example.se', name: 'Bertil', passwordHash: null })
        const outsider = await store.users.create({ email: 'cecilia@bibliotek.example.se', name: 'Cecilia', passwordHash: null })
        await store.boards.setRole(board.id, member.id, 'observer')
        await store.users.endSessions(member.id, 1_700_000_000_000)
        const open = await store.invites.create(inviteFor({ role: 'participant' }))
        const revoked = await store.invites.create(inviteFor({ role: 'facilitator' }))
        const kim = await store.guests.create({ boardId: board.id, inviteId: open.id, name: 'Kim' })
        const ola = await store.guests.create({ boardId: board.id, inviteId: revoked.id, name: 'Ola' })
        await store.invites.revoke(revoked.id)
        const otherBoard = await newBoard('Annan')
        const elsewhere = await store.invites.create({ ...inviteFor(), boardId: otherBoard.id })
        const sam = await store.guests.create({ boardId: otherBoard.id, inviteId: elsewhere.id, name: 'Sam' })

        const access = await store.boards.accessOf(board.id, {
          staffIds: [facilitator.id, member.id, outsider.id, 'no-such-user'],
          guestIds: [kim.id, ola.id, sam.id, 'no-such-guest'],
        })
        expect(access.staff).toEqual(
          new Map([
            [facilitator.id, { role: 'facilitator', sessionsValidAfter: 0 }],
            [member.id, { role: 'observer', sessionsValidAfter: 1_700_000_000_000 }],
          ]),
        )
        expect(access.guests).toEqual(new Map([[kim.id, 'participant']]))
        expect(await store.boards.accessOf(board.id, { staffIds: [], guestIds: [] })).toEqual({ staff: new Map(), guests: new Map() })
        // Every answer agrees with the one-at-a-time rule.
        for (const id of [facilitator.id, member.id, outsider.id])
          expect(access.staff.get(id)?.role ?? null).toBe(await roleOfUserId(store, id, board.id))
        for (const id of [kim.id, ola.id, sam.id]) {
          expect(access.guests.get(id) ?? null).toBe(await roleOfUserId(store, guestUserId(id), board.id))
        }
      })

      it('gives staff the role they hold on the board, and none after removal', async () => {
        const member = await store.users.create({ email: 'bertil@bibliotek.example.se', name: 'Bertil', passwordHash: null })
        await store.boards.setRole(board.id, member.id, 'participant')
        expect(await roleOfUserId(store, member.id, board.id)).toBe('participant')
        await store.boards.removeMember(board.id, member.id)
        expect(await roleOfUserId(store, member.id, board.id)).toBeNull()
      })
    })
  })
}
