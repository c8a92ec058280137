import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { SignInForm } from '@/components/auth/SignInForm'
import { LanguageSwitch } from '@/components/layout/LanguageSwitch'
import { safeCallback } from '@/lib/auth/safeCallback'
import { getAppContext } from '@/lib/runtime/appContext'
import { getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('signin.title') }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams
  const callbackUrl = safeCallback(query.callbackUrl)
  if (await getSessionUser()) redirect(callbackUrl)
  const t = await getT()
  const { oidc, passwordSignIn } = getAppContext()
  const errorCode = Array.isArray(query.error) ? query.error[0] : query.error
  const initialError =
    errorCode === 'OidcNoEmail'
      ? t('signin.ssoNoEmail')
      : errorCode === 'OidcNoAccount'
        ? t('signin.ssoNoAccount')
        : errorCode
          ? t('signin.error')
          : null
  return (
    <main id="main" className="signin">
      <div className="signin__card">
        <div className="signin__top">
          <p className="brand">{t('app.name')}</p>
          <LanguageSwitch />
        </div>
        <h1>{t('signin.title')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <SignInForm callbackUrl={callbackUrl} sso={oidc?.name ?? null} initialError={initialError} password={passwordSignIn} />
        <p className="muted">
          <Link href="/tillganglighet">{t('a11y.linkText')}</Link>
        </p>
      </div>
    </main>
  )
}
