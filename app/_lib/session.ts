/** The signed-in user, read from the NextAuth session, for server components and routes. */
import { getServerSession } from 'next-auth'
import { getAuthOptions } from '@/lib/auth/nextAuthOptions'

export interface SessionUser {
  id: string
  name: string
  email: string
}

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions())
  const user = session?.user
  if (!user?.id) return null
  return { id: user.id, name: user.name ?? user.email ?? '', email: user.email ?? '' }
}
