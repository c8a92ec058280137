/**
 * The gate of every administrators' page: a visitor who is not signed in goes to sign-in, one
 * who is not an administrator gets the "forbidden" page.
 */
import { redirect } from 'next/navigation'
import type { ReactNode } from 'react'
import { AppHeader } from '@/components/layout/AppHeader'
import type { StaffPerson } from '@/lib/auth/person'
import { getT } from './locale'
import { getSessionUser } from './session'

export async function requireAdminPage(path: string): Promise<{ ok: true; user: StaffPerson } | { ok: false; page: ReactNode }> {
  const user = await getSessionUser()
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`)
  if (user.kind === 'staff' && user.isAdmin) return { ok: true, user }
  const t = await getT()
  return {
    ok: false,
    page: (
      <>
        <AppHeader userName={user.name} isGuest={user.kind === 'guest'} />
        <main id="main" className="message-page">
          <h1>{t('forbidden.title')}</h1>
          <p>{t('admin.forbidden')}</p>
        </main>
      </>
    ),
  }
}
