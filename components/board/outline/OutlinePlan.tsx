'use client'

import { useId } from 'react'
import type { CommitmentView, NoteView, ThemeView } from '@/lib/board/readModel'
import { useT } from '@/components/i18n/I18nProvider'

/**
 * An area's commitments and themes in the outline, before its notes: what the canvas shows as
 * cards and groups, as lists a screen reader can walk.
 */
export function OutlinePlan({ commitments, themes, notes }: { commitments: readonly CommitmentView[]; themes: readonly ThemeView[]; notes: readonly NoteView[] }) {
  const t = useT()
  const commitmentsId = useId()
  const themesId = useId()
  if (commitments.length === 0 && themes.length === 0) return null
  const textOf = new Map(notes.map((note) => [note.id, note.text]))
  return (
    <div className="outline-plan">
      {commitments.length > 0 && (
        <>
          <h4 id={commitmentsId}>{t('plan.commitments')}</h4>
          <ul aria-labelledby={commitmentsId} className="outline-plan__commitments">
            {commitments.map((c) => (
              <li key={c.id} data-outline-commitment={c.id}>
                <strong>{c.text}</strong>
                {c.carried && (
                  <span>
                    {' '}
                    — {t('commitment.carried')}: {t(`commitment.status.${c.status}`)}
                    {c.statusComment && ` (${c.statusComment})`}
                  </span>
                )}
                <div>
                  {t('plan.owner')}: {c.owner || t('commitment.noOwner')} · {t('plan.due')}: {c.due || t('commitment.noDue')}
                  {c.indicator && ` · ${t('plan.indicator')}: ${c.indicator}`}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {themes.length > 0 && (
        <>
          <h4 id={themesId}>{t('plan.themes')}</h4>
          <ul aria-labelledby={themesId}>
            {themes.map((theme) => (
              <li key={theme.id} data-outline-theme={theme.id}>
                <strong>{theme.title || t('theme.untitled')}</strong> ({t('theme.noteCount', { count: theme.noteIds.length })})
                <ul>
                  {theme.noteIds.map((id) => (
                    <li key={id}>{textOf.get(id) ?? ''}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
