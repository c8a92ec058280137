'use client'

import { useState } from 'react'
import type { Editor, TLShapeId } from 'tldraw'
import { useI18n } from '@/components/i18n/I18nProvider'
import { plainTextFromRichText } from '@/lib/board/richText'
import { TITLE_MAX } from '@/lib/board/planShapes'
import { AREAS, type AreaId } from '@/lib/planning/planningModel'
import { groupIntoTheme } from './planActions'

interface Proposal {
  title: string
  noteIds: string[]
}

/**
 * Suggested themes for one area (facilitators): the server clusters the area's notes; each
 * proposal can be renamed, accepted (a theme is made of its notes) or rejected.
 */
export function ThemeSuggestions({ boardId, editor, onMessage }: { boardId: string; editor: Editor; onMessage(text: string): void }) {
  const { locale, t } = useI18n()
  const [areaId, setAreaId] = useState<AreaId>(AREAS[0].id)
  const [proposals, setProposals] = useState<Proposal[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const suggest = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(`/api/boards/${boardId}/themes/suggest?area=${areaId}`)
      if (!response.ok) throw new Error(String(response.status))
      setProposals(((await response.json()) as { proposals: Proposal[] }).proposals)
    } catch {
      setError(t('suggest.failed'))
    } finally {
      setBusy(false)
    }
  }
  const remove = (index: number) => setProposals((current) => current?.filter((_, i) => i !== index) ?? null)
  const noteText = (id: string) => {
    const shape = editor.getShape(id as TLShapeId)
    return shape?.type === 'note' ? plainTextFromRichText(shape.props.richText) : ''
  }

  return (
    <div className="theme-suggestions">
      <div className="row">
        <label className="field field--small">
          <span>{t('suggest.area')}</span>
          <select value={areaId} onChange={(e) => setAreaId(e.target.value as AreaId)}>
            {AREAS.map((area) => (
              <option key={area.id} value={area.id}>
                {area.title[locale]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" disabled={busy} onClick={() => void suggest()}>
          {busy ? t('suggest.running') : t('suggest.run')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {proposals && proposals.length === 0 && <p role="status">{t('suggest.none')}</p>}
      {proposals && proposals.length > 0 && (
        <ul className="proposal-list" aria-label={t('suggest.title')}>
          {proposals.map((proposal, index) => (
            <li key={proposal.noteIds.join(' ')} className="proposal" data-proposal={index}>
              <label className="field">
                <span>{t('theme.titleField')}</span>
                <input
                  value={proposal.title}
                  maxLength={TITLE_MAX}
                  onChange={(e) =>
                    setProposals((current) => current?.map((p, i) => (i === index ? { ...p, title: e.target.value } : p)) ?? null)
                  }
                />
              </label>
              <details>
                <summary>{t('suggest.notes', { count: proposal.noteIds.length })}</summary>
                <ul>
                  {proposal.noteIds.map((id) => (
                    <li key={id}>{noteText(id)}</li>
                  ))}
                </ul>
              </details>
              <div className="row">
                <button
                  type="button"
                  className="button button--primary"
                  onClick={() => {
                    const ids = proposal.noteIds.filter((id) => editor.getShape(id as TLShapeId)) as TLShapeId[]
                    if (groupIntoTheme(editor, ids, proposal.title.trim())) onMessage(t('suggest.accepted', { title: proposal.title.trim() }))
                    remove(index)
                  }}
                >
                  {t('suggest.accept')}
                </button>
                <button type="button" className="button button--quiet" onClick={() => remove(index)}>
                  {t('suggest.reject')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
