'use client'

import { useRouter } from 'next/navigation'
import { useId, useState, type FormEvent } from 'react'
import { useT } from '@/components/i18n/I18nProvider'
import styles from './boardManage.module.css'

/** A facilitator's rename, archive and delete for one board on the home page. */
export function BoardManageMenu({
  boardId,
  name,
  archived,
  graceDays,
}: {
  boardId: string
  name: string
  archived: boolean
  graceDays: number
}) {
  const t = useT()
  const router = useRouter()
  const nameId = useId()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function send(method: 'PATCH' | 'DELETE', body?: object) {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(`/api/boards/${boardId}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : undefined,
        body: body ? JSON.stringify(body) : undefined,
      })
      if (!response.ok) throw new Error(String(response.status))
      router.refresh()
    } catch {
      setError(t('manage.failed'))
    } finally {
      setBusy(false)
    }
  }

  function onRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const next = String(new FormData(event.currentTarget).get('name') ?? '').trim()
    if (next) void send('PATCH', { name: next })
  }

  function onDelete() {
    const question = graceDays > 0 ? t('manage.confirmDelete', { name, days: graceDays }) : t('manage.confirmDeleteNow', { name })
    if (window.confirm(question)) void send('DELETE')
  }

  return (
    <details className={styles.manage}>
      <summary className="button button--quiet" aria-label={t('manage.label', { name })}>
        {t('manage.open')}
      </summary>
      <div className={styles.panel}>
        <form className={styles.rename} onSubmit={onRename}>
          <label htmlFor={nameId}>{t('manage.name')}</label>
          <input id={nameId} name="name" type="text" maxLength={120} defaultValue={name} required dir="auto" />
          <button type="submit" className="button" disabled={busy}>
            {t('manage.save')}
          </button>
        </form>
        <div className={styles.buttons}>
          <button type="button" className="button" disabled={busy} onClick={() => void send('PATCH', { archived: !archived })}>
            {archived ? t('manage.unarchive') : t('manage.archive')}
          </button>
          <button type="button" className={`button ${styles.danger}`} disabled={busy} onClick={onDelete}>
            {t('manage.delete')}
          </button>
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </details>
  )
}
