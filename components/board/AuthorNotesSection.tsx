'use client'

import { useCallback, useEffect, useId, useRef, useState } from 'react'
import { useT } from '@/components/i18n/I18nProvider'
import { guestIdOf, isGuestUserId } from '@/lib/auth/boardAccess'
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
  const [alsoAccess, setAlsoAccess] = useState(false)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  const status = useRef<HTMLParagraphElement>(null)
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

  // The row with the focused button is gone once it is done: the focus goes to what happened.
  useEffect(() => {
    if (done) status.current?.focus()
  }, [done])

  /** Takes the person off the board: a guest alone (not their link), a staff member's role. */
  async function removeAccess(author: AuthorCount): Promise<boolean> {
    const board = `/api/boards/${encodeURIComponent(boardId)}`
    const guest = guestIdOf(author.id)
    const url = guest ? `${board}/guests/${encodeURIComponent(guest)}` : `${board}/members/${encodeURIComponent(author.id)}`
    const response = await fetch(url, { method: 'DELETE' })
    // Already gone (a guest whose link was revoked, a member removed before) is gone.
    return response.ok || response.status === 404
  }

  async function remove(author: AuthorCount) {
    setBusy(true)
    setError(null)
    try {
      // Access first, so nothing new comes from them while their notes go.
      if (alsoAccess && !(await removeAccess(author))) throw new Error('access')
      const response = await fetch(`${base}/${encodeURIComponent(author.id)}/notes`, { method: 'DELETE' })
      if (!response.ok) throw new Error(String(response.status))
      const result = (await response.json()) as RemovedNotes
      const count = result.removed + result.privateRemoved
      const removed = t('authorNotes.removed', { count, name: author.name, snapshot: result.snapshot?.name ?? '' })
      setDone(alsoAccess ? `${removed} ${t('authorNotes.accessRemoved', { name: author.name })}` : removed)
      setAsking(null)
      setAlsoAccess(false)
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
      <p role="status" className="author-notes__done" ref={status} tabIndex={-1}>
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
                  <label className="checkbox">
                    <input type="checkbox" checked={alsoAccess} disabled={busy} onChange={(e) => setAlsoAccess(e.target.checked)} />
                    <span>{t(isGuestUserId(author.id) ? 'authorNotes.alsoGuest' : 'authorNotes.alsoMember', { name: author.name })}</span>
                  </label>
                  <span className="row">
                    <button type="button" className="button button--danger" disabled={busy} onClick={() => remove(author)}>
                      {t('authorNotes.confirmYes')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      ref={cancel}
                      disabled={busy}
                      onClick={() => {
                        setAsking(null)
                        setAlsoAccess(false)
                      }}
                    >
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
