/**
 * How the sync server re-checks an open socket's access against the store: the person's role
 * on the board now, and for staff whether their sessions were ended since the token was minted.
 * `revalidate` asks for one person (when a socket joins); `revalidateBoard` for every open
 * socket of a board in one query (the periodic re-check), by the same rule.
 */
import { guestIdOf, isGuestUserId, roleOfUserId } from '../lib/auth/boardAccess'
import type { BoardRole } from '../lib/auth/roles'
import type { Store } from '../lib/store/types'
import type { Principal } from './sync/connection'
import type { SyncServerOptions } from './sync/createSyncServer'

/**
 * Whether a token minted at `issuedAt` predates the end of its person's sessions ("sign out
 * everywhere"): its second counts whole, so one minted in the very second may stay.
 */
function mintedBeforeSessionsEnded(principal: Principal, sessionsValidAfter: number): boolean {
  return principal.issuedAt !== undefined && sessionsValidAfter > principal.issuedAt + 999
}

export function createAccessCheck(store: Store): Pick<SyncServerOptions, 'revalidate' | 'revalidateBoard'> {
  return {
    async revalidate(principal) {
      if (principal.issuedAt !== undefined && !isGuestUserId(principal.userId)) {
        const user = await store.users.get(principal.userId)
        if (user && mintedBeforeSessionsEnded(principal, user.sessionsValidAfter)) return null
      }
      return roleOfUserId(store, principal.userId, principal.boardId)
    },
    async revalidateBoard(boardId, principals) {
      const staffIds = new Set<string>()
      const guestIds = new Set<string>()
      for (const { userId } of principals) {
        const guestId = guestIdOf(userId)
        if (guestId) guestIds.add(guestId)
        else staffIds.add(userId)
      }
      const access = await store.boards.accessOf(boardId, { staffIds: [...staffIds], guestIds: [...guestIds] })
      return principals.map((principal): BoardRole | null => {
        const guestId = guestIdOf(principal.userId)
        if (guestId) return access.guests.get(guestId) ?? null
        const staff = access.staff.get(principal.userId)
        if (!staff || mintedBeforeSessionsEnded(principal, staff.sessionsValidAfter)) return null
        return staff.role
      })
    },
  }
}
