'use client'

import { useId, useState, type FormEvent, type ReactNode } from 'react'
import type { CommitmentView, NoteView, ThemeView } from '@/lib/board/readModel'
import type { AreaId, Perspective } from '@/lib/planning/planningModel'
import { useT } from '@/components/i18n/I18nProvider'
import { TITLE_MAX } from '@/lib/board/planShapes'
import { FormActions, useInlineForm } from './InlineForm'
import { OutlinePlan, type PlanActions, type ThemeVoting } from './OutlinePlan'
import { submitKeys } from './submitKeys'
import styles from './outline.module.css'

export interface OutlineAreaProps {
  /** Null for the notes outside every area. */
  id: AreaId | null
  title: string
  question: string | null
  perspective: Perspective | null
  notes: readonly NoteView[]
  /** The area's commitments and themes, shown before its notes. */
  commitments?: readonly CommitmentView[]
  themes?: readonly ThemeView[]
  locked: boolean
  canAdd: boolean
  renderNote(note: NoteView): ReactNode
  /** Adds a note with this text; the outline then focuses it. */
  onAdd(text: string): void
  planActions?: PlanActions
  /** Votes on the area's themes during a voting round. */
  themeVoting?: ThemeVoting
  /** *Föreslå teman* for the area (facilitators), shown after its themes. */
  suggestions?: ReactNode
  /** Grouping the notes picked in this area into a theme; absent when this person may not. */
  grouping?: GroupingProps
}

export interface GroupingProps {
  /** How many of the area's notes are picked. */
  selected: number
  /** The title of the theme a picked note is already in (the others join it), or null. */
  existingTitle: string | null
  onGroup(title: string): void
}

/** An area of the outline: its title and guiding question, its notes, and "add idea". */
export function OutlineArea(props: OutlineAreaProps) {
  const { id, title, question, perspective, notes, commitments = [], themes = [], locked, canAdd, renderNote, onAdd } = props
  const t = useT()
  const headingId = useId()
  const { open: formOpen, opener, show, close: closeForm, done } = useInlineForm()
  const adding = formOpen
  const [draft, setDraft] = useState('')
  const cancel = closeForm
  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (!draft.trim()) return cancel()
    onAdd(draft.trim())
    setDraft('')
    done()
  }

  return (
    <section
      className={`${styles.area} ${perspective ? styles[perspective] : ''}`}
      aria-labelledby={headingId}
      data-outline-area={id ?? ''}
    >
      <div className={styles.areaHead}>
        <h3 id={headingId} className={styles.areaTitle} tabIndex={-1}>
          {title}
        </h3>
        <span className={styles.count}>{notes.length === 1 ? t('board.noteCountOne') : t('board.noteCount', { count: notes.length })}</span>
        {locked && (
          <span className={styles.locked} title={t('lock.notice')}>
            <span aria-hidden="true">🔒</span> {t('lock.notice')}
          </span>
        )}
      </div>
      {question && <p className={styles.question}>{question}</p>}
      <OutlinePlan commitments={commitments} themes={themes} notes={notes} actions={props.planActions} voting={props.themeVoting} />
      {props.suggestions}
      {notes.length > 0 ? (
        <ul className={styles.notes} role="list">
          {notes.map(renderNote)}
        </ul>
      ) : (
        <p className={styles.empty}>{t('outline.noNotes')}</p>
      )}
      {props.grouping && notes.length >= 2 && <GroupBar areaTitle={title} {...props.grouping} />}
      {id && canAdd && !adding && (
        <button ref={opener} type="button" className="button" aria-label={t('board.addIdeaTo', { area: title })} onClick={show}>
          <span aria-hidden="true">+</span> {t('board.addIdea')}
        </button>
      )}
      {id && adding && (
        <form className={styles.form} onSubmit={submit}>
          <label className="field">
            <span>{t('outline.newNote', { area: title })}</span>
            <textarea
              dir="auto"
              rows={3}
              value={draft}
              autoFocus
              aria-describedby={`${headingId}-keys`}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => submitKeys(e, submit, cancel)}
            />
          </label>
          <p id={`${headingId}-keys`} className={styles.hint}>
            {t('outline.keys')}
          </p>
          <FormActions submit="outline.addSubmit" onCancel={cancel} />
        </form>
      )}
    </section>
  )
}

/**
 * *Gruppera*: the picked notes of the area into a named theme. The button stays in the tab
 * order while fewer than two are picked (aria-disabled), and says why.
 */
function GroupBar({ areaTitle, selected, existingTitle, onGroup }: GroupingProps & { areaTitle: string }) {
  const t = useT()
  const ids = useId()
  const { open: formOpen, opener, show, close: closeForm, done } = useInlineForm()
  const [draft, setDraft] = useState('')
  const ready = selected >= 2
  const close = closeForm
  const submit = (event: FormEvent) => {
    event.preventDefault()
    done()
    onGroup(draft.trim() || existingTitle || t('theme.newTitle'))
  }

  if (!formOpen) {
    return (
      <div className={styles.actions}>
        <button
          ref={opener}
          type="button"
          className="button"
          aria-label={t('outline.groupNamed', { count: selected, area: areaTitle })}
          aria-disabled={!ready}
          aria-describedby={ready ? undefined : `${ids}-why`}
          onClick={() => {
            if (!ready) return
            setDraft(existingTitle ?? '')
            show()
          }}
        >
          {t('outline.group', { count: selected })}
        </button>
        {!ready && (
          <span id={`${ids}-why`} className={styles.hint}>
            {t('outline.groupNeedsTwo')}
          </span>
        )}
      </div>
    )
  }
  return (
    <form className={styles.form} onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), close())}>
      <label className="field">
        <span>{t('theme.titleField')}</span>
        <input
          dir="auto"
          value={draft}
          maxLength={TITLE_MAX}
          placeholder={t('theme.newTitle')}
          autoFocus
          onChange={(e) => setDraft(e.target.value)}
        />
      </label>
      <FormActions submit="theme.group" onCancel={close} />
    </form>
  )
}
