import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { EndSessionsButton } from '@/components/account/EndSessionsButton'
import { AppHeader } from '@/components/layout/AppHeader'
import { getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('account.title') }
}

/** A person's own page: their data to download (Art. 15/20) and "sign out everywhere". */
export default async function AccountPage() {
  const user = await getSessionUser()
  if (!user) redirect('/signin?callbackUrl=/account')
  const t = await getT()
  return (
    <>
      <AppHeader userName={user.name} isAdmin={user.kind === 'staff' && user.isAdmin} isGuest={user.kind === 'guest'} />
      <main id="main" className="home">
        <h1>{t('account.title')}</h1>
        <section aria-labelledby="account-data" className="stack">
          <h2 id="account-data">{t('account.dataTitle')}</h2>
          <p>{t('account.dataText')}</p>
          <p>
            <a className="button button--primary" href="/api/me/data" download>
              {t('account.download')}
            </a>
          </p>
        </section>
        {user.kind === 'staff' && (
          <section aria-labelledby="account-sessions" className="stack">
            <h2 id="account-sessions">{t('account.sessionsTitle')}</h2>
            <p>{t('account.sessionsText')}</p>
            <EndSessionsButton />
          </section>
        )}
        <p>
          <Link href="/tillganglighet">{t('a11y.linkText')}</Link>
        </p>
      </main>
    </>
  )
}
