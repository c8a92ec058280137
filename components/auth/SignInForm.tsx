'use client'

import { signIn } from 'next-auth/react'
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { useT } from '@/components/i18n/I18nProvider'

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useT()
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
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
      setError(result?.error === 'CredentialsSignin' || result?.status === 401 ? t('signin.failed') : t('signin.error'))
    } catch {
      setError(t('signin.error'))
    }
    setSubmitting(false)
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
    </form>
  )
}
