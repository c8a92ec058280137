'use client'

import { useRouter } from 'next/navigation'
import { useId, useState, type FormEvent } from 'react'
import { useI18n } from '@/components/i18n/I18nProvider'
import type { MessageKey } from '@/lib/i18n/messages'

const KNOWN_ERRORS = ['too-large', 'not-json', 'wrong-format', 'newer-version', 'unsafe', 'invalid', 'no-file']

/** "Importera säkerhetskopia": a backup file becomes a new board. */
export function ImportBackupForm() {
  const { t } = useI18n()
  const router = useRouter()
  const titleId = useId()
  const [error, setError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const file = form.get('file')
    if (!(file instanceof File) || file.size === 0) return setError(t('import.failed', { reason: t('import.error.no-file') }))
    setSubmitting(true)
    setError(null)
    try {
      const response = await fetch('/api/boards/import', { method: 'POST', body: form })
      const body = (await response.json().catch(() => ({}))) as { id?: string; code?: string }
      if (response.ok && body.id) return router.push(`/boards/${body.id}`)
      const code = KNOWN_ERRORS.includes(body.code ?? '') ? body.code! : 'invalid'
      setError(t('import.failed', { reason: t(`import.error.${code}` as MessageKey) }))
    } catch {
      setError(t('import.failed', { reason: t('import.error.invalid') }))
    }
    setSubmitting(false)
  }

  return (
    <form className="new-board stack" onSubmit={onSubmit} aria-labelledby={titleId}>
      <h2 id={titleId}>{t('import.title')}</h2>
      <p className="muted">{t('import.help')}</p>
      <label className="field">
        <span>{t('import.file')}</span>
        <input name="file" type="file" accept="application/json,.json" required />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={submitting}>
          {submitting ? t('import.submitting') : t('import.submit')}
        </button>
      </div>
    </form>
  )
}
