'use client'

import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import { useI18n } from '@/components/i18n/I18nProvider'
import { ModalDialog } from '@/components/layout/ModalDialog'
import type { BoardView } from '@/lib/board/readModel'
import type { SnapshotRecord } from '@/lib/store/types'
import styles from './exportDialogs.module.css'

type Notice = { kind: 'restored'; name: string } | { kind: 'created'; id: string } | { kind: 'error' } | null

async function call<T>(url: string, init?: RequestInit): Promise<T | null> {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } })
  if (!response.ok) return null
  return (response.status === 204 ? {} : await response.json()) as T
}

/** The facilitator's snapshots: save one, list them, preview one, restore or delete it. */
export function HistoryDialog({ boardId, onClose }: { boardId: string; onClose(): void }) {
  const { locale, t } = useI18n()
  const [snapshots, setSnapshots] = useState<SnapshotRecord[] | null>(null)
  const [saving, setSaving] = useState(false)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [preview, setPreview] = useState<{ snapshot: SnapshotRecord; board: BoardView } | null>(null)
  const previewHeading = useRef<HTMLHeadingElement>(null)
  // The preview opens below the list: bring it to where the person is looking.
  useEffect(() => {
    if (!preview) return
    previewHeading.current?.scrollIntoView({ block: 'start' })
    previewHeading.current?.focus({ preventScroll: true })
  }, [preview])
  const [notice, setNotice] = useState<Notice>(null)
  const base = `/api/boards/${encodeURIComponent(boardId)}/snapshots`
  const time = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })

  const reload = useCallback(async () => {
    const listed = await call<{ snapshots: SnapshotRecord[] }>(base)
    setSnapshots(listed?.snapshots ?? [])
  }, [base])

  useEffect(() => {
    void reload()
  }, [reload])

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = event.currentTarget
    const name = String(new FormData(form).get('name') ?? '').trim()
    setSaving(true)
    const saved = await call(base, { method: 'POST', body: JSON.stringify(name ? { name } : {}) })
    setSaving(false)
    setNotice(saved ? null : { kind: 'error' })
    if (saved) form.reset()
    await reload()
  }

  async function restore(snapshot: SnapshotRecord, mode: 'in-place' | 'new') {
    setConfirming(null)
    const result = await call<{ id?: string }>(`${base}/${encodeURIComponent(snapshot.id)}/restore`, {
      method: 'POST',
      body: JSON.stringify({ mode }),
    })
    if (!result) setNotice({ kind: 'error' })
    else if (mode === 'new' && result.id) setNotice({ kind: 'created', id: result.id })
    else setNotice({ kind: 'restored', name: snapshot.name })
    await reload()
  }

  async function show(snapshot: SnapshotRecord) {
    const found = await call<{ snapshot: SnapshotRecord; board: BoardView }>(`${base}/${encodeURIComponent(snapshot.id)}?lang=${locale}`)
    if (found) setPreview(found)
    else setNotice({ kind: 'error' })
  }

  async function remove(snapshot: SnapshotRecord) {
    if (!(await call(`${base}/${encodeURIComponent(snapshot.id)}`, { method: 'DELETE' }))) setNotice({ kind: 'error' })
    if (preview?.snapshot.id === snapshot.id) setPreview(null)
    await reload()
  }

  return (
    <ModalDialog title={t('history.title')} onClose={onClose}>
      <form className="inline-form" onSubmit={save}>
        <label className="field">
          <span>{t('history.name')}</span>
          <input name="name" type="text" maxLength={120} placeholder={t('history.namePlaceholder')} />
        </label>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('history.saving') : t('history.save')}
        </button>
      </form>

      <div role="status" aria-live="polite">
        {notice?.kind === 'restored' && <p>{t('history.restored', { name: notice.name })}</p>}
        {notice?.kind === 'created' && (
          <p>
            {t('history.createdNew')} <a href={`/boards/${encodeURIComponent(notice.id)}`}>{t('history.openNew')}</a>
          </p>
        )}
        {notice?.kind === 'error' && <p className="form-error">{t('history.failed')}</p>}
      </div>

      <h3>{t('history.list')}</h3>
      {snapshots?.length === 0 && <p className="muted">{t('history.empty')}</p>}
      <ul role="list" className={styles.links} style={{ display: 'block' }}>
        {snapshots?.map((snapshot) => (
          <li key={snapshot.id} className={styles.snapshotRow} data-snapshot={snapshot.name}>
            <span className="member-row__who">
              <strong dir="auto">{snapshot.name}</strong>
              <span className="muted">
                {time.format(new Date(snapshot.createdAt))} · {snapshot.createdBy?.name ?? t('history.server')} ·{' '}
                {t(`history.kind.${snapshot.kind}`)} ·{' '}
                {snapshot.noteCount === 1 ? t('export.notesOne') : t('export.notes', { count: snapshot.noteCount })}
              </span>
            </span>
            <span className={styles.snapshotActions}>
              <button type="button" className="button button--quiet" onClick={() => show(snapshot)}>
                {t('history.preview')}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(snapshot.id)}>
                {t('history.restoreHere')}
              </button>
              <button type="button" className="button" onClick={() => restore(snapshot, 'new')}>
                {t('history.restoreNew')}
              </button>
              <button
                type="button"
                className="button button--quiet"
                aria-label={t('history.deleteNamed', { name: snapshot.name })}
                onClick={() => remove(snapshot)}
              >
                {t('history.delete')}
              </button>
            </span>
            {confirming === snapshot.id && (
              <div className={styles.confirm} role="alertdialog" aria-label={t('history.restoreHere')}>
                <p>{t('history.confirmRestore', { name: snapshot.name })}</p>
                <button type="button" className="button button--primary" onClick={() => restore(snapshot, 'in-place')}>
                  {t('history.confirm')}
                </button>{' '}
                <button type="button" className="button button--quiet" onClick={() => setConfirming(null)}>
                  {t('history.cancel')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>

      {preview && (
        <section className={styles.preview} aria-label={t('history.previewTitle', { name: preview.snapshot.name })}>
          <h3 ref={previewHeading} tabIndex={-1}>
            {t('history.previewTitle', { name: preview.snapshot.name })}
          </h3>
          {preview.board.steps.map((step) => (
            <div key={step.number}>
              <h4>
                {t('export.step', { number: step.number })} · {step.title}
              </h4>
              {step.areas
                .filter((area) => area.notes.length > 0)
                .map((area) => (
                  <div key={area.id}>
                    <strong>{area.title}</strong>
                    <ul>
                      {area.notes.map((note) => (
                        <li key={note.id} dir="auto">
                          {note.text}
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
            </div>
          ))}
          {preview.board.unplaced.length > 0 && (
            <div>
              <h4>{t('export.unplaced')}</h4>
              <ul>
                {preview.board.unplaced.map((note) => (
                  <li key={note.id} dir="auto">
                    {note.text}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
    </ModalDialog>
  )
}
