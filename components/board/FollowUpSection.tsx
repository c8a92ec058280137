'use client'

import { useId, useState } from 'react'
import { useI18n } from '@/components/i18n/I18nProvider'

/**
 * "Ny tavla från förra planen": makes the next period's board with this board's commitments
 * as starter items, and links to it.
 */
export function FollowUpSection({ boardId, boardName }: { boardId: string; boardName: string }) {
  const { t } = useI18n()
  const headingId = useId()
  const [name, setName] = useState(`${boardName} ${new Date().getFullYear() + 1}`)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<string | null>(null)

  const create = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(`/api/boards/${boardId}/follow-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: name.trim() || undefined }),
      })
      if (!response.ok) throw new Error(String(response.status))
      setCreated(((await response.json()) as { id: string }).id)
    } catch {
      setError(t('plan.followUpFailed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('plan.followUp')}</h3>
      <p className="hint">{t('plan.followUpHint')}</p>
      <label className="field">
        <span>{t('plan.followUpName')}</span>
        <input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="row">
        {/* aria-disabled, not disabled: a button that loses focus as it disables strands the keyboard. */}
        <button type="button" className="button button--primary" aria-disabled={busy} onClick={() => !busy && void create()}>
          {busy ? t('plan.followUpCreating') : t('plan.followUpCreate')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <p role="status">
          {t('plan.followUpDone')} <a href={`/boards/${created}`}>{t('plan.openBoard')}</a>
        </p>
      )}
    </section>
  )
}
