'use client'

import { useRouter } from 'next/navigation'
import { useId, useState, type FormEvent } from 'react'
import { useI18n } from '@/components/i18n/I18nProvider'

/** A new planning round: its name, period and branches, one board made for each at once. */
export function NewRoundForm() {
  const { locale, t } = useI18n()
  const router = useRouter()
  const titleId = useId()
  const [error, setError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const branches = String(form.get('branches') ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((name) => ({ name }))
    setSubmitting(true)
    setError(null)
    try {
      const response = await fetch('/api/rounds', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: String(form.get('name') ?? ''), period: String(form.get('period') ?? ''), branches, locale }),
      })
      if (!response.ok) throw new Error(String(response.status))
      const { round } = (await response.json()) as { round: { id: string } }
      router.push(`/rounds/${round.id}`)
    } catch {
      setError(t('round.createFailed'))
      setSubmitting(false)
    }
  }

  return (
    <form className="new-board stack" onSubmit={onSubmit} aria-labelledby={titleId}>
      <h2 id={titleId}>{t('round.new')}</h2>
      <label className="field">
        <span>{t('round.name')}</span>
        <input name="name" type="text" maxLength={120} required />
      </label>
      <label className="field">
        <span>{t('round.period')}</span>
        <input name="period" type="text" maxLength={40} />
      </label>
      <label className="field">
        <span>{t('round.branches')}</span>
        <textarea name="branches" rows={5} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={submitting}>
          {t('round.create')}
        </button>
      </div>
    </form>
  )
}
