'use client'

import { useRouter } from 'next/navigation'
import { useId, useState, type FormEvent } from 'react'
import { useI18n } from '@/components/i18n/I18nProvider'

export function NewBoardForm() {
  const { locale, t } = useI18n()
  const router = useRouter()
  const nameId = useId()
  const [error, setError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const defaultName = t('newBoard.defaultName', {
    date: new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium' }).format(new Date()),
  })

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setSubmitting(true)
    setError(null)
    try {
      const response = await fetch('/api/boards', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: String(form.get('name') ?? '').trim() || defaultName,
          includeStarterNotes: form.get('starterNotes') === 'on',
          locale,
        }),
      })
      if (!response.ok) throw new Error(String(response.status))
      const { id } = (await response.json()) as { id: string }
      router.push(`/boards/${id}`)
    } catch {
      setError(t('newBoard.failed'))
      setSubmitting(false)
    }
  }

  return (
    <form className="new-board stack" onSubmit={onSubmit} aria-labelledby={`${nameId}-title`}>
      <h2 id={`${nameId}-title`}>{t('newBoard.title')}</h2>
      <label className="field">
        <span>{t('newBoard.name')}</span>
        <input id={nameId} name="name" type="text" maxLength={120} defaultValue={defaultName} required />
      </label>
      <label className="checkbox">
        <input name="starterNotes" type="checkbox" />
        <span>{t('newBoard.starterNotes')}</span>
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? t('newBoard.submitting') : t('newBoard.submit')}
        </button>
      </div>
    </form>
  )
}
