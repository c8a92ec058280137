'use client'

import { useState } from 'react'
import type { Editor, TLShapeId } from 'tldraw'
import { useI18n } from '@/components/i18n/I18nProvider'
import { plainTextFromRichText } from '@/lib/board/richText'
import { TITLE_MAX } from '@/lib/board/planShapes'
import { AREAS, type AreaId } from '@/lib/planning/planningModel'
import { groupIntoTheme } from './planActions'
import { notesStillThere, useThemeSuggestions } from './useThemeSuggestions'

/**
 * Suggested themes for one area (facilitators): the server clusters the area's notes; each
 * proposal can be renamed, accepted (a theme is made of its notes) or rejected.
 */
export function ThemeSuggestions({ boardId, editor, onMessage }: { boardId: string; editor: Editor; onMessage(text: string): void }) {
  const { locale, t } = useI18n()
  const [areaId, setAreaId] = useState<AreaId>(AREAS[0].id)
  const { proposals, busy, failed, suggest, retitle, remove } = useThemeSuggestions(boardId)
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
        <button type="button" className="button" disabled={busy} onClick={() => void suggest(areaId)}>
          {busy ? t('suggest.running') : t('suggest.run')}
        </button>
      </div>
      {failed && (
        <p className="form-error" role="alert">
          {t('suggest.failed')}
        </p>
      )}
      {proposals && proposals.length === 0 && <p role="status">{t('suggest.none')}</p>}
      {proposals && proposals.length > 0 && (
        <ul className="proposal-list" aria-label={t('suggest.title')}>
          {proposals.map((proposal, index) => (
            <li key={proposal.noteIds.join(' ')} className="proposal" data-proposal={index}>
              <label className="field">
                <span>{t('theme.titleField')}</span>
                <input value={proposal.title} maxLength={TITLE_MAX} onChange={(e) => retitle(index, e.target.value)} />
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
                    const ids = notesStillThere(proposal, (id) => !!editor.getShape(id as TLShapeId)) as TLShapeId[]
                    if (groupIntoTheme(editor, ids, proposal.title.trim()))
                      onMessage(t('suggest.accepted', { title: proposal.title.trim() }))
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
