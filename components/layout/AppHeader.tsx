'use client'

import Link from 'next/link'
import { signOut } from 'next-auth/react'
import type { ReactNode } from 'react'
import { useT } from '@/components/i18n/I18nProvider'
import { forgetLocalBoards } from '@/components/board/localBoards'
import { LanguageSwitch } from './LanguageSwitch'

/** The bar above every signed-in page: where you are, who you are, language, sign out. */
export function AppHeader({
  userName,
  children,
  isAdmin = false,
  isGuest = false,
}: {
  userName: string
  children?: ReactNode
  isAdmin?: boolean
  /** Guests have no home page: the brand is plain text for them. */
  isGuest?: boolean
}) {
  const t = useT()
  return (
    <header className="app-header">
      {isGuest ? (
        <span className="brand">{t('app.name')}</span>
      ) : (
        <Link href="/" className="brand">
          {t('app.name')}
        </Link>
      )}
      <div className="app-header__middle">{children}</div>
      <nav className="app-header__end" aria-label={t('nav.signedInAs', { name: userName })}>
        <span className="app-header__user" dir="auto">
          {userName}
        </span>
        {!isGuest && (
          <Link href="/account" className="button button--quiet">
            {t('nav.account')}
          </Link>
        )}
        {isAdmin && (
          <Link href="/admin/users" className="button button--quiet">
            {t('nav.admin')}
          </Link>
        )}
        <LanguageSwitch />
        <button type="button" className="button button--quiet" onClick={async () => {
            // Boards kept on this device for working offline go with the session.
            await forgetLocalBoards().catch(() => undefined)
            await signOut({ callbackUrl: '/signin' })
          }}>
          {t('nav.signOut')}
        </button>
      </nav>
    </header>
  )
}
