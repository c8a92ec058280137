/**
 * The UI language for a request: the language cookie; without one (a new browser, cleared
 * cookies), the signed-in person's stored choice; else Swedish.
 */
import { getServerSession } from 'next-auth'
import { cookies } from 'next/headers'
import { cache } from 'react'
import { getAuthOptions } from '@/lib/auth/nextAuthOptions'
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from '@/lib/i18n/locales'
import { translator } from '@/lib/i18n/messages'
import { getAppContext } from '@/lib/runtime/appContext'

async function accountLocale(): Promise<Locale | null> {
  const user = (await getServerSession(getAuthOptions()))?.user
  // Guests have no account to remember a language in.
  if (!user?.id || user.guest) return null
  return (await getAppContext().store.users.get(user.id))?.locale ?? null
}

// Once per request: the layout, the page and its metadata all ask.
export const getLocale = cache(async (): Promise<Locale> => {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value
  if (isLocale(chosen)) return chosen
  return (await accountLocale()) ?? DEFAULT_LOCALE
})

export async function getT() {
  return translator(await getLocale())
}
