'use client'

import { useRouter } from 'next/navigation'
import { useTransition } from 'react'
import { setLocale } from '@/app/_actions/setLocale'
import { useI18n } from '@/components/i18n/I18nProvider'

/** Switches the UI between Swedish and English and reloads server-rendered text. */
export function LanguageSwitch() {
  const { locale, t } = useI18n()
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const next = locale === 'sv' ? 'en' : 'sv'
  return (
    <button
      type="button"
      className="button button--quiet"
      lang={next}
      aria-label={`${t('nav.language')}: ${t('nav.switchTo')}`}
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await setLocale(next)
          router.refresh()
        })
      }
    >
      {t('nav.switchTo')}
    </button>
  )
}
