/**
 * The signed-in person, read from the NextAuth session and checked against the store (an
 * account that was deleted, or a guest whose board is gone, is nobody).
 */
import { getServerSession } from 'next-auth'
import { cache } from 'react'
import type { Viewer } from '@/lib/auth/boardAccess'
import { getAuthOptions } from '@/lib/auth/nextAuthOptions'
import { getAppContext, type AuditActor } from '@/lib/runtime/appContext'

export type SessionUser =
  | { kind: 'staff'; id: string; name: string; email: string; isAdmin: boolean }
  | { kind: 'guest'; id: string; guestId: string; name: string; boardId: string }

// Once per request: a page, its metadata and its layout all ask.
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(getAuthOptions())
  const user = session?.user
  if (!user?.id) return null
  const { store } = getAppContext()
  if (user.guest) {
    const guest = await store.guests.get(user.guest.guestId)
    if (!guest) return null
    return { kind: 'guest', id: user.id, guestId: guest.id, name: guest.name, boardId: guest.boardId }
  }
  const staff = await store.users.get(user.id)
  // Signed out everywhere after this session began: it is over.
  if (!staff || staff.sessionsValidAfter > (user.signedInAt ?? 0)) return null
  return { kind: 'staff', id: staff.id, name: staff.name, email: staff.email, isAdmin: staff.isAdmin }
})

export function viewerOf(user: SessionUser): Viewer {
  return user.kind === 'staff'
    ? { kind: 'staff', userId: user.id, name: user.name }
    : { kind: 'guest', guestId: user.guestId, name: user.name, boardId: user.boardId }
}

/** The person as the audit log names them. */
export function actorOf(user: SessionUser): AuditActor {
  return { id: user.id, name: user.name }
}
