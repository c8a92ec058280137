/**
 * The room ticket a member gets for a board's sync room: minted by the token route
 * (`POST /api/boards/<id>/token`) and, for the first connection, by the board page itself, so
 * the page connects at once instead of asking after its JavaScript has run.
 */
import { viewerUserId } from '@/lib/auth/boardAccess'
import type { BoardRole } from '@/lib/auth/roles'
import type { AppContext } from '@/lib/runtime/appContext'
import type { RoomTicket } from '@/lib/sync/connectBoard'
import { viewerOf, type SessionUser } from './session'

/** A ticket as the server hands it out: with the server's time, which the browser's clock learns. */
export type ServedRoomTicket = RoomTicket & { role: BoardRole; serverTime: number }

export async function mintRoomTicket(
  app: Pick<AppContext, 'roomTokens'>,
  { user, boardId, role, url }: { user: SessionUser; boardId: string; role: BoardRole; url: string },
): Promise<ServedRoomTicket> {
  const { token, expiresAt } = await app.roomTokens.mint({ userId: viewerUserId(viewerOf(user)), name: user.name, boardId, role })
  return { token, url, expiresAt, role, serverTime: Date.now() }
}

/**
 * Sent by keepForOffline when it stores the board page for offline use: that copy is kept in
 * the service worker's cache, so the page leaves its ticket out (a token never lands in a cache).
 */
export const OFFLINE_COPY_HEADER = 'x-strategitavlan-offline-copy'
