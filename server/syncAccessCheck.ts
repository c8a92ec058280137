/**
 * How the sync server re-checks an open socket's access against the store: the person's role
 * on the board now, and for staff whether their sessions were ended since the token was minted.
 */
import { isGuestUserId, roleOfUserId } from '../lib/auth/boardAccess'
import type { Store } from '../lib/store/types'
import type { SyncServerOptions } from './sync/createSyncServer'

export function createAccessCheck(store: Store): Pick<SyncServerOptions, 'revalidate'> {
  return {
    revalidate: async (principal) => {
      // Ended sessions ("sign out everywhere"): a socket whose token was minted before the end
      // goes (its token's second counts whole, so one minted in that second may stay).
      if (principal.issuedAt !== undefined && !isGuestUserId(principal.userId)) {
        const user = await store.users.get(principal.userId)
        if (user && user.sessionsValidAfter > principal.issuedAt + 999) return null
      }
      return roleOfUserId(store, principal.userId, principal.boardId)
    },
  }
}
