'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { useT } from '@/components/i18n/I18nProvider'
import styles from '@/components/home/boardManage.module.css'

/** Restore (for a deleted board) and purge, on the administrators' board list. */
export function AdminBoardActions({ boardId, name, deleted }: { boardId: string; name: string; deleted: boolean }) {
  const t = useT()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  async function send(method: 'POST' | 'DELETE', path: string) {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(path, { method })
      if (!response.ok) throw new Error(String(response.status))
      router.refresh()
    } catch {
      setError(t('manage.failed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className={styles.buttons}>
      {deleted && (
        <button type="button" className="button" disabled={busy} onClick={() => void send('POST', `/api/admin/boards/${boardId}/restore`)}>
          {t('adminBoards.restore')}
        </button>
      )}
      <button
        type="button"
        className={`button ${styles.danger}`}
        disabled={busy}
        onClick={() => {
          if (window.confirm(t('manage.confirmDeleteNow', { name }))) void send('DELETE', `/api/admin/boards/${boardId}`)
        }}
      >
        {t('adminBoards.purge')}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
