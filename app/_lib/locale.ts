/** The UI language for a request: the language cookie, else Swedish. */
import { cookies } from 'next/headers'
import { LOCALE_COOKIE, toLocale, type Locale } from '@/lib/i18n/locales'
import { translator } from '@/lib/i18n/messages'

export async function getLocale(): Promise<Locale> {
  return toLocale((await cookies()).get(LOCALE_COOKIE)?.value)
}

export async function getT() {
  return translator(await getLocale())
}
