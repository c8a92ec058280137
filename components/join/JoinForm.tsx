'use client'

import { signIn } from 'next-auth/react'
import { useRouter } from 'next/navigation'
import { useState, type FormEvent } from 'react'
import { useT } from '@/components/i18n/I18nProvider'
import { GUESTS_BUSY_ERROR, INVITE_FULL_ERROR } from '@/lib/auth/signInErrors'

/** A guest names themselves and joins the board the invite link is for. */
export function JoinForm({ token, destination }: { token: string; destination: string }) {
  const t = useT()
  const router = useRouter()
  const [error, setError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim()
    setSubmitting(true)
    setError(null)
    const result = await signIn('guest', { token, name, redirect: false }).catch(() => null)
    if (result?.ok && !result.error) {
      router.replace(destination)
      router.refresh()
      return
    }
    setError(t(result?.error === INVITE_FULL_ERROR ? 'join.full' : result?.error === GUESTS_BUSY_ERROR ? 'join.busy' : 'join.failed'))
    setSubmitting(false)
  }

  return (
    <form className="stack" onSubmit={onSubmit}>
      <label className="field">
        <span>{t('join.name')}</span>
        <input name="name" type="text" required maxLength={60} autoComplete="name" autoFocus />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={submitting}>
        {submitting ? t('join.submitting') : t('join.submit')}
      </button>
    </form>
  )
}
