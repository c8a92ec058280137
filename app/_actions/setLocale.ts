'use server'

import { cookies } from 'next/headers'
import { LOCALE_COOKIE, isLocale } from '@/lib/i18n/locales'
import { getAppContext } from '@/lib/runtime/appContext'
import { getSessionUser } from '@/app/_lib/session'

/** Remembers the UI language in a cookie and, for a signed-in user, in their account. */
export async function setLocale(locale: string): Promise<void> {
  if (!isLocale(locale)) throw new Error('Unknown language')
  ;(await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 60 * 60, sameSite: 'lax' })
  const user = await getSessionUser()
  if (user?.kind === 'staff') await getAppContext().store.users.setLocale(user.id, locale)
}
