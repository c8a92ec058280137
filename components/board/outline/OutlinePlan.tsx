'use client'

import { useId, useState, type FormEvent } from 'react'
import type { CommitmentView, NoteView, ThemeView } from '@/lib/board/readModel'
import { TITLE_MAX } from '@/lib/board/planShapes'
import { useT } from '@/components/i18n/I18nProvider'
import { FormActions, useInlineForm } from './InlineForm'
import type { NoteVoting } from './OutlineNote'
import styles from './outline.module.css'

/** What this person may do with the area's themes and commitments; absent for observers. */
export interface PlanActions {
  /** Renaming and ungrouping (not in an area locked against this person). */
  canChange: boolean
  /** Making a commitment of a theme (facilitators). */
  canCommit: boolean
  onRename(themeId: string, title: string): void
  onUngroup(themeId: string): void
  onCommit(themeId: string): void
  /** Changing a commitment, and judging one carried over (facilitators). */
  onEditCommitment?(commitment: CommitmentView): void
}

/** Votes on whole themes, by the same rules as votes on notes (see OutlineView). */
export interface ThemeVoting {
  /** A theme's votes as this person may see and cast them, or null outside a round's scope. */
  of(themeId: string): NoteVoting | null
  onVote(themeId: string, title: string, delta: 1 | -1): void
}

/**
 * An area's commitments and themes in the outline, before its notes: what the canvas shows as
 * cards and groups, as lists a screen reader can walk, with what may be done to a theme.
 */
export function OutlinePlan({
  commitments,
  themes,
  notes,
  actions,
  voting,
}: {
  commitments: readonly CommitmentView[]
  themes: readonly ThemeView[]
  notes: readonly NoteView[]
  actions?: PlanActions
  voting?: ThemeVoting
}) {
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
              <li key={c.id} data-outline-commitment={c.id} tabIndex={-1}>
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
                {actions?.onEditCommitment && (
                  <div className={styles.actions}>
                    <button
                      type="button"
                      className="button"
                      aria-label={t('outline.editCommitmentNamed', { text: c.text })}
                      onClick={() => actions.onEditCommitment?.(c)}
                    >
                      {t('commitment.edit')}
                    </button>
                  </div>
                )}
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
              <OutlineTheme
                key={theme.id}
                theme={theme}
                texts={theme.noteIds.map((id) => textOf.get(id) ?? '')}
                actions={actions}
                votes={voting?.of(theme.id) ?? null}
                onVote={(delta) => voting?.onVote(theme.id, theme.title || t('theme.untitled'), delta)}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

function OutlineTheme({
  theme,
  texts,
  actions,
  votes,
  onVote,
}: {
  theme: ThemeView
  texts: string[]
  actions?: PlanActions
  votes: NoteVoting | null
  onVote(delta: 1 | -1): void
}) {
  const t = useT()
  const { open: formOpen, opener, show, close: closeForm } = useInlineForm()
  const [draft, setDraft] = useState('')
  const title = theme.title || t('theme.untitled')
  const close = closeForm
  const save = (event: FormEvent) => {
    event.preventDefault()
    if (draft.trim() && draft.trim() !== theme.title) actions?.onRename(theme.id, draft.trim())
    close()
  }

  return (
    <li data-outline-theme={theme.id} tabIndex={-1}>
      <strong dir="auto">{title}</strong> ({t('theme.noteCount', { count: theme.noteIds.length })})
      {votes && <ThemeVotes title={title} votes={votes} onVote={onVote} />}
      <ul>
        {texts.map((text, i) => (
          <li key={theme.noteIds[i]} dir="auto">
            {text}
          </li>
        ))}
      </ul>
      {actions && !formOpen && (actions.canChange || actions.canCommit) && (
        <div className={styles.actions}>
          {actions.canChange && (
            <>
              <button
                ref={opener}
                type="button"
                className="button"
                aria-label={t('outline.renameThemeNamed', { title })}
                onClick={() => {
                  setDraft(theme.title)
                  show()
                }}
              >
                {t('theme.rename')}
              </button>
              <button
                type="button"
                className="button"
                aria-label={t('outline.ungroupNamed', { title })}
                onClick={() => actions.onUngroup(theme.id)}
              >
                {t('theme.ungroup')}
              </button>
            </>
          )}
          {actions.canCommit && (
            <button
              type="button"
              className="button"
              aria-label={t('outline.commitThemeNamed', { title })}
              onClick={() => actions.onCommit(theme.id)}
            >
              {t('commitment.make')}
            </button>
          )}
        </div>
      )}
      {formOpen && (
        <form className={styles.form} onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), close())}>
          <label className="field">
            <span>{t('theme.titleField')}</span>
            <input dir="auto" value={draft} maxLength={TITLE_MAX} autoFocus onChange={(e) => setDraft(e.target.value)} />
          </label>
          <FormActions submit="outline.save" onCancel={close} />
        </form>
      )}
    </li>
  )
}

/** A theme's votes: the count (unless the round hides it) and, while voting is open, + and −. */
function ThemeVotes({ title, votes, onVote }: { title: string; votes: NoteVoting; onVote(delta: 1 | -1): void }) {
  const t = useT()
  const countId = useId()
  return (
    <div className={styles.themeVotes} role="group" aria-label={t('outline.themeVotes', { title })}>
      <span id={countId} data-testid="outline-theme-votes" data-votes={votes.count ?? undefined}>
        {votes.count === null ? t('voting.hiddenUntilEnd') : t('outline.votes', { count: votes.count })}
        {votes.mine > 0 && ` (${t('outline.myVotes', { count: votes.mine })})`}
      </span>
      {votes.canVote && (
        <>
          {/* aria-disabled, not disabled: a button that loses focus as it disables strands the keyboard. */}
          <button
            type="button"
            className="button"
            aria-label={t('outline.voteThemeNamed', { title })}
            aria-describedby={countId}
            aria-disabled={votes.remaining === 0}
            title={votes.remaining === 0 ? t('voting.limit') : undefined}
            onClick={() => onVote(1)}
          >
            <span aria-hidden="true">+</span> {t('outline.vote')}
          </button>
          <button
            type="button"
            className="button"
            aria-label={t('outline.unvoteThemeNamed', { title })}
            aria-describedby={countId}
            aria-disabled={votes.mine === 0}
            onClick={() => votes.mine > 0 && onVote(-1)}
          >
            <span aria-hidden="true">−</span> {t('outline.unvote')}
          </button>
        </>
      )}
    </div>
  )
}
