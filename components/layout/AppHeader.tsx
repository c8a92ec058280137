'use client'

import Link from 'next/link'
import { signOut } from 'next-auth/react'
import type { ReactNode } from 'react'
import { useT } from '@/components/i18n/I18nProvider'
import { LanguageSwitch } from './LanguageSwitch'

/** The bar above every signed-in page: where you are, who you are, language, sign out. */
export function AppHeader({
  userName,
  children,
  onLocaleChange,
}: {
  userName: string
  children?: ReactNode
  onLocaleChange?: (locale: 'sv' | 'en') => void
}) {
  const t = useT()
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        {t('app.name')}
      </Link>
      <div className="app-header__middle">{children}</div>
      <nav className="app-header__end" aria-label={t('nav.signedInAs', { name: userName })}>
        <span className="app-header__user">{userName}</span>
        <LanguageSwitch onChange={onLocaleChange} />
        <button type="button" className="button button--quiet" onClick={() => signOut({ callbackUrl: '/signin' })}>
          {t('nav.signOut')}
        </button>
      </nav>
    </header>
  )
}
