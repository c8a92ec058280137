'use client'

import { useCallback, useState } from 'react'
import { useT } from '@/components/i18n/I18nProvider'
import type { RollUp, RollUpItem } from '@/lib/rounds/rollUp'
import styles from './rounds.module.css'

type Loaded = RollUp & { centralBoardId: string | null }

/**
 * The roll-up: per area, the branches' themes and top ideas grouped across branches, each with
 * its branch's name, and a button to promote it to the central board. Below, what has been
 * promoted, marked when the original has changed since.
 */
export function RollUpView({ roundId, initial }: { roundId: string; initial: Loaded }) {
  const t = useT()
  const [rollUp, setRollUp] = useState(initial)
  const [busy, setBusy] = useState<string | null>(null)
  const [message, setMessage] = useState('')

  const reload = useCallback(async () => {
    const response = await fetch(`/api/rounds/${roundId}/roll-up`, { cache: 'no-store' })
    if (response.ok) setRollUp((await response.json()) as Loaded)
  }, [roundId])

  async function promote(item: RollUpItem) {
    setBusy(item.key)
    try {
      const response = await fetch(`/api/rounds/${roundId}/promote`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ boardId: item.boardId, id: item.id }),
      })
      setMessage(response.ok || response.status === 409 ? `${t('round.promoted')}: ${item.text}` : t('manage.failed'))
      await reload()
    } finally {
      setBusy(null)
    }
  }

  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {message}
      </p>
      {rollUp.areas.map((area) => (
        <section key={area.areaId} className={styles.area} aria-labelledby={`area-${area.areaId}`}>
          <h2 id={`area-${area.areaId}`}>{area.title}</h2>
          {area.groups.length === 0 ? (
            <p className="muted">{t('round.noItems')}</p>
          ) : (
            <ul className={styles.groups} role="list">
              {area.groups.map((group) => (
                <li key={group.items[0].key} className={styles.group}>
                  {group.items.length > 1 && (
                    <h3>
                      {group.title} — {t('round.group', { count: group.branchCount })}
                    </h3>
                  )}
                  <ul className={styles.items} role="list">
                    {group.items.map((item) => (
                      <li key={item.key} className={styles.item} data-item={item.key}>
                        <span className={styles.branch} dir="auto">
                          {item.branch}
                        </span>
                        <span className="muted">{t(item.kind === 'theme' ? 'round.kind.theme' : 'round.kind.note')}</span>
                        <span dir="auto">{item.text}</span>
                        <span className="muted">{t('plan.votes', { count: item.votes })}</span>
                        {item.promoted ? (
                          <strong>{t('round.promoted')}</strong>
                        ) : (
                          <button
                            type="button"
                            className="button button--quiet"
                            aria-label={t('round.promoteItem', { text: item.text })}
                            disabled={busy !== null}
                            onClick={() => void promote(item)}
                          >
                            {t('round.promote')}
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <section className={styles.area} aria-labelledby="promoted">
        <h2 id="promoted">{t('round.promotedList')}</h2>
        {rollUp.promoted.length === 0 ? (
          <p className="muted">{t('round.noItems')}</p>
        ) : (
          <ul className={styles.items} role="list" data-testid="promoted">
            {rollUp.promoted.map((copy) => (
              <li key={copy.noteId} className={styles.item}>
                <span className={styles.branch} dir="auto">
                  {copy.branch}
                </span>
                <span dir="auto">{copy.text}</span>
                {copy.author && (
                  <span className="muted" dir="auto">
                    {copy.author}
                  </span>
                )}
                <span className="muted">{t('plan.votes', { count: copy.votes })}</span>
                {copy.changed && <span className={styles.changed}>{t('round.changed')}</span>}
                {copy.originGone && <span className={styles.changed}>{t('round.gone')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
