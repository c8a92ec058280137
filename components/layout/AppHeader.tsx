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
  foldUser = false,
}: {
  userName: string
  children?: ReactNode
  isAdmin?: boolean
  /** Guests have no home page: the brand is plain text for them. */
  isGuest?: boolean
  /**
   * Folds who is signed in, the language and signing out into one menu, so a crowded header
   * (the board's timer, voting and private-round badges) keeps to one row.
   */
  foldUser?: boolean
}) {
  const t = useT()
  const signOutButton = (
    <button
      type="button"
      className="button button--quiet"
      onClick={async () => {
        // Boards kept on this device for working offline go with the session.
        await forgetLocalBoards().catch(() => undefined)
        await signOut({ callbackUrl: '/signin' })
      }}
    >
      {t('nav.signOut')}
    </button>
  )
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
      {foldUser ? (
        <nav className="app-header__end" aria-label={t('nav.signedInAs', { name: userName })}>
          <details className="user-menu">
            <summary className="button button--quiet">
              <span className="user-menu__name" dir="auto">
                {userName}
              </span>
              <span aria-hidden="true"> ▾</span>
            </summary>
            <div className="user-menu__items">
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
              {signOutButton}
            </div>
          </details>
        </nav>
      ) : (
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
          {signOutButton}
        </nav>
      )}
    </header>
  )
}
