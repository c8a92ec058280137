'use client'

import { useId, useLayoutEffect, useRef, useState, type FormEvent } from 'react'
import type { NoteView } from '@/lib/board/readModel'
import type { MessageKey } from '@/lib/i18n/messages'
import { useI18n } from '@/components/i18n/I18nProvider'
import { STEPS, areasOfStep, type AreaId } from '@/lib/planning/planningModel'
import { spokenNoteText } from './noteChanges'
import { FormActions } from './InlineForm'
import { submitKeys } from './submitKeys'
import styles from './outline.module.css'

export interface NoteVoting {
  /** Null while the round hides its tally. */
  count: number | null
  mine: number
  /** Voting is open to this person (an active round, not an observer). */
  canVote: boolean
  remaining: number
}

export interface OutlineNoteProps {
  note: NoteView
  isPrivate: boolean
  /** The author's name, when names are shown. */
  author: string | null
  voting: NoteVoting | null
  /** This person may change the note (not an observer, not in a locked area). */
  canChange: boolean
  /** Areas the note may be moved to. */
  moveTargets: readonly AreaId[]
  onEdit(text: string): void
  onMove(areaId: AreaId): void
  onDelete(): void
  onVote(delta: 1 | -1): void
  /** The title of the theme the note is grouped in, or null. */
  themeTitle?: string | null
  /** Offered a checkbox to pick it for grouping (someone who may change it, not a private note). */
  selectable?: boolean
  selected?: boolean
  onSelect?(selected: boolean): void
  /** Offered *Gör till åtagande* (facilitators). */
  onCommit?(): void
}

type Mode = 'view' | 'edit' | 'move' | 'delete'

/** One note of the outline: its text, author and votes, and what can be done to it. */
export function OutlineNote(props: OutlineNoteProps) {
  const { note, isPrivate, author, voting, canChange } = props
  const { locale, t } = useI18n()
  const [mode, setMode] = useState<Mode>('view')
  const [draft, setDraft] = useState('')
  const [target, setTarget] = useState<AreaId | ''>('')
  const buttons = useRef<Partial<Record<Mode, HTMLButtonElement | null>>>({})
  const returnTo = useRef<Mode | null>(null)
  const ids = useId()
  const name = t('outline.noteName', { text: spokenNoteText(note.text, t) })

  // Back from a form, focus returns to the button that opened it (before the outline looks
  // for lost focus, hence a layout effect).
  useLayoutEffect(() => {
    if (mode !== 'view' || !returnTo.current) return
    buttons.current[returnTo.current]?.focus()
    returnTo.current = null
  }, [mode])

  const open = (next: Mode) => {
    if (next === 'edit') setDraft(note.text)
    if (next === 'move') setTarget(props.moveTargets[0] ?? '')
    setMode(next)
  }
  const close = () => {
    returnTo.current = mode
    setMode('view')
  }
  const opener = (next: Exclude<Mode, 'view'>, label: MessageKey, named: MessageKey) => (
    <button
      type="button"
      className="button"
      aria-label={t(named, { note: name })}
      ref={(button) => {
        buttons.current[next] = button
      }}
      onClick={() => open(next)}
    >
      {t(label)}
    </button>
  )
  const save = (event?: FormEvent) => {
    event?.preventDefault()
    if (draft !== note.text) props.onEdit(draft)
    close()
  }
  const move = (event: FormEvent) => {
    event.preventDefault()
    // The note re-renders in its new area; the outline moves focus there.
    if (target) props.onMove(target)
    else close()
  }

  return (
    <li className={styles.note} data-note-id={note.id} tabIndex={-1}>
      <p className={styles.noteText} dir="auto">
        {note.text || t('outline.emptyNote')}
      </p>
      <p className={styles.noteMeta}>
        {props.themeTitle != null && <span dir="auto">{t('outline.inTheme', { title: props.themeTitle || t('theme.untitled') })}</span>}
        {isPrivate && <span className={styles.private}>{t('private.badge')}</span>}
        {author && <span dir="auto">{t('outline.by', { name: author })}</span>}
        {voting && (
          <span data-testid="outline-votes" data-votes={voting.count ?? undefined}>
            {voting.count === null ? t('voting.hiddenUntilEnd') : t('outline.votes', { count: voting.count })}
            {voting.mine > 0 && ` (${t('outline.myVotes', { count: voting.mine })})`}
          </span>
        )}
      </p>

      {mode === 'view' && (canChange || voting?.canVote || props.onCommit || props.selectable) && (
        <div className={styles.actions}>
          {props.selectable && (
            <label className={styles.select}>
              <input
                type="checkbox"
                checked={props.selected ?? false}
                aria-label={t('outline.selectNamed', { note: name })}
                onChange={(event) => props.onSelect?.(event.target.checked)}
              />
              <span aria-hidden="true">{t('outline.select')}</span>
            </label>
          )}
          {canChange && (
            <>
              {opener('edit', 'outline.edit', 'outline.editNamed')}
              {props.moveTargets.length > 0 && opener('move', 'outline.move', 'outline.moveNamed')}
              {opener('delete', 'outline.delete', 'outline.deleteNamed')}
            </>
          )}
          {props.onCommit && (
            <button type="button" className="button" aria-label={t('outline.commitNoteNamed', { note: name })} onClick={props.onCommit}>
              {t('commitment.make')}
            </button>
          )}
          {voting?.canVote && (
            <>
              {/* aria-disabled, not disabled: a button that loses focus as it disables strands the keyboard. */}
              <button
                type="button"
                className="button"
                aria-label={t('outline.voteNamed', { note: name })}
                aria-disabled={voting.remaining === 0}
                title={voting.remaining === 0 ? t('voting.limit') : undefined}
                onClick={() => props.onVote(1)}
              >
                {t('outline.vote')}
              </button>
              <button
                type="button"
                className="button"
                aria-label={t('outline.unvoteNamed', { note: name })}
                aria-disabled={voting.mine === 0}
                onClick={() => voting.mine > 0 && props.onVote(-1)}
              >
                {t('outline.unvote')}
              </button>
            </>
          )}
        </div>
      )}

      {mode === 'edit' && (
        <form className={styles.form} onSubmit={save}>
          <label className="field">
            <span>{t('outline.noteText')}</span>
            <textarea
              dir="auto"
              rows={3}
              value={draft}
              autoFocus
              aria-describedby={`${ids}-keys`}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => submitKeys(e, save, close)}
            />
          </label>
          <p id={`${ids}-keys`} className={styles.hint}>
            {t('outline.keys')}
          </p>
          <FormActions submit="outline.save" onCancel={close} />
        </form>
      )}

      {mode === 'move' && (
        <form className={styles.form} onSubmit={move} onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), close())}>
          <label className="field">
            <span>{t('outline.moveTo')}</span>
            <select value={target} autoFocus onChange={(e) => setTarget(e.target.value as AreaId)}>
              {STEPS.map((step) => {
                const areas = areasOfStep(step.number).filter((a) => props.moveTargets.includes(a.id))
                return areas.length === 0 ? null : (
                  <optgroup key={step.number} label={t('outline.stepHeading', { number: step.number, title: step.title[locale] })}>
                    {areas.map((area) => (
                      <option key={area.id} value={area.id}>
                        {area.title[locale]}
                      </option>
                    ))}
                  </optgroup>
                )
              })}
            </select>
          </label>
          <FormActions submit="outline.move" onCancel={close} />
        </form>
      )}

      {mode === 'delete' && (
        <div className={styles.form} role="group" aria-labelledby={`${ids}-confirm`} onKeyDown={(e) => e.key === 'Escape' && close()}>
          <p id={`${ids}-confirm`}>{t('outline.confirmDelete', { note: spokenNoteText(note.text, t) })}</p>
          <div className={styles.actions}>
            <button type="button" className={`button ${styles.danger}`} autoFocus onClick={props.onDelete}>
              {t('outline.confirmDeleteYes')}
            </button>
            <button type="button" className="button" onClick={close}>
              {t('outline.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  )
}
