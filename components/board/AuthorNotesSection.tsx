'use client'

import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useT } from '@/components/i18n/I18nProvider'
import type { AuthorCount, RemovedNotes } from '@/lib/facilitation/authorNotes'

/**
 * The facilitator's way out when one person fills the board with junk: who wrote how many
 * notes (and, in a private round, how many they hold back), and "remove every note by this
 * person", confirmed, after the board is saved in *Historik*.
 */
export function AuthorNotesSection({ boardId }: { boardId: string }) {
  const t = useT()
  const titleId = useId()
  const [list, setList] = useState<{ anonymous: boolean; authors: AuthorCount[] } | null>(null)
  const [asking, setAsking] = useState<AuthorCount | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  const base = `/api/boards/${encodeURIComponent(boardId)}/authors`

  const load = useCallback(async () => {
    const response = await fetch(base, { cache: 'no-store' }).catch(() => null)
    if (response?.ok) setList((await response.json()) as { anonymous: boolean; authors: AuthorCount[] })
  }, [base])

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    if (asking) cancel.current?.focus()
  }, [asking])

  async function remove(author: AuthorCount) {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(`${base}/${encodeURIComponent(author.id)}/notes`, { method: 'DELETE' })
      if (!response.ok) throw new Error(String(response.status))
      const result = (await response.json()) as RemovedNotes
      const count = result.removed + result.privateRemoved
      setDone(t('authorNotes.removed', { count, name: author.name, snapshot: result.snapshot?.name ?? '' }))
      setAsking(null)
      await load()
    } catch {
      setError(t('authorNotes.failed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('authorNotes.title')}</h3>
      <p className="muted">{t('authorNotes.intro')}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="author-notes__done">
        {done}
      </p>
      {list?.anonymous && <p>{t('authorNotes.anonymous')}</p>}
      {list && !list.anonymous && list.authors.length === 0 && <p>{t('authorNotes.none')}</p>}
      {list && list.authors.length > 0 && (
        <ul className="author-notes" role="list" data-testid="author-notes">
          {list.authors.map((author) => (
            <li key={author.id} className="author-notes__row">
              <span className="author-notes__who">
                <span dir="auto">{author.name}</span>
                <span className="muted">
                  {author.privateNotes > 0
                    ? t('authorNotes.countsPrivate', { notes: author.notes, private: author.privateNotes })
                    : t('authorNotes.counts', { notes: author.notes })}
                </span>
              </span>
              {asking?.id === author.id ? (
                <span className="author-notes__confirm">
                  <span>{t('authorNotes.confirm', { count: author.notes + author.privateNotes, name: author.name })}</span>
                  <span className="row">
                    <button type="button" className="button button--danger" disabled={busy} onClick={() => remove(author)}>
                      {t('authorNotes.confirmYes')}
                    </button>
                    <button type="button" className="button" ref={cancel} disabled={busy} onClick={() => setAsking(null)}>
                      {t('authorNotes.cancel')}
                    </button>
                  </span>
                </span>
              ) : (
                <button
                  type="button"
                  className="button button--quiet"
                  aria-label={t('authorNotes.removeNamed', { name: author.name })}
                  disabled={busy}
                  onClick={() => setAsking(author)}
                >
                  {t('authorNotes.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button button--quiet" onClick={() => void load()}>
        {t('authorNotes.reload')}
      </button>
    </section>
  )
}
