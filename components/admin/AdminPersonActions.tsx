'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useT } from '@/components/i18n/I18nProvider'
import styles from '@/components/home/boardManage.module.css'

/** Download a person's data, end their sessions, remove them — on the administrators' account list. */
export function AdminPersonActions({ personId, name, self }: { personId: string; name: string; self: boolean }) {
  const t = useT()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null)
  const base = `/api/admin/people/${encodeURIComponent(personId)}`

  async function send(path: string, done: string | null) {
    setBusy(true)
    setMessage(null)
    try {
      const response = await fetch(path, { method: 'DELETE' })
      if (!response.ok) throw new Error(String(response.status))
      if (done) setMessage({ error: false, text: done })
      router.refresh()
    } catch {
      setMessage({ error: true, text: t('manage.failed') })
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className={styles.buttons}>
      <a className="button" href={`${base}/data`} download aria-label={t('adminPeople.dataLabel', { name })}>
        {t('adminPeople.data')}
      </a>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void send(`${base}/sessions`, t('adminPeople.sessionsEnded', { name }))}
      >
        {t('adminPeople.endSessions')}
      </button>
      {!self && (
        <button
          type="button"
          className={`button ${styles.danger}`}
          disabled={busy}
          onClick={() => {
            if (window.confirm(t('adminPeople.confirmRemove', { name }))) void send(base, null)
          }}
        >
          {t('adminPeople.remove')}
        </button>
      )}
      {message && (
        <p className={message.error ? 'form-error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  )
}
