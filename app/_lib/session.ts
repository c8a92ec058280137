/**
 * The signed-in person, read from the NextAuth session and checked against the store (an
 * account that was deleted, or a guest whose board is gone, is nobody).
 */
import { getServerSession } from 'next-auth'
import { cache } from 'react'
import { readGuest } from '@/lib/auth/boardAccess'
import { getAuthOptions } from '@/lib/auth/nextAuthOptions'
import type { SignedInPerson } from '@/lib/auth/person'
import { getAppContext, type AuditActor } from '@/lib/runtime/appContext'

// Once per request: a page, its metadata and its layout all ask.
// A guest's invite is read here too, once: their branch and role come from it.
export const getSessionUser = cache(async (): Promise<SignedInPerson | null> => {
  const session = await getServerSession(getAuthOptions())
  const user = session?.user
  if (!user?.id) return null
  const { store } = getAppContext()
  if (user.guest) return readGuest(store, user.guest.guestId)
  const staff = await store.users.get(user.id)
  // Signed out everywhere after this session began: it is over.
  if (!staff || staff.sessionsValidAfter > (user.signedInAt ?? 0)) return null
  return { kind: 'staff', id: staff.id, name: staff.name, label: null, email: staff.email, isAdmin: staff.isAdmin }
})

/** The person as the audit log names them. */
export function actorOf(user: SignedInPerson): AuditActor {
  return { id: user.id, name: user.name }
}
