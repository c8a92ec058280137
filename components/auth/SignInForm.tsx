'use client'

import { signIn } from 'next-auth/react'
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { RATE_LIMITED_ERROR } from '@/lib/auth/signInErrors'
import { useT } from '@/components/i18n/I18nProvider'

export function SignInForm({
  callbackUrl,
  sso,
  initialError,
  password = true,
}: {
  callbackUrl: string
  /** The single sign-on button's label, when single sign-on is configured. */
  sso: string | null
  initialError: string | null
  /** Email and password sign-in is offered (false when the installation uses single sign-on only). */
  password?: boolean
}) {
  const t = useT()
  const router = useRouter()
  const [error, setError] = useState<string | null>(initialError)
  const [submitting, setSubmitting] = useState(false)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setSubmitting(true)
    setError(null)
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      })
      if (result?.ok && !result.error) {
        router.replace(callbackUrl)
        router.refresh()
        return
      }
      setError(
        result?.error === RATE_LIMITED_ERROR
          ? t('signin.rateLimited')
          : result?.error === 'CredentialsSignin' || result?.status === 401
            ? t('signin.failed')
            : t('signin.error'),
      )
    } catch {
      setError(t('signin.error'))
    }
    setSubmitting(false)
  }

  if (!password) {
    return (
      <div className="stack">
        {error && (
          <p id="signin-error" className="form-error" role="alert">
            {error}
          </p>
        )}
        {sso && (
          <button type="button" className="button button--primary" onClick={() => signIn('oidc', { callbackUrl })}>
            {t('signin.sso', { name: sso })}
          </button>
        )}
      </div>
    )
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-describedby={error ? 'signin-error' : undefined}>
      <label className="field">
        <span>{t('signin.email')}</span>
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label className="field">
        <span>{t('signin.password')}</span>
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p id="signin-error" className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={submitting}>
        {submitting ? t('signin.submitting') : t('signin.submit')}
      </button>
      {sso && (
        <>
          <p className="muted divider">{t('signin.or')}</p>
          <button type="button" className="button" onClick={() => signIn('oidc', { callbackUrl })}>
            {t('signin.sso', { name: sso })}
          </button>
        </>
      )}
    </form>
  )
}
