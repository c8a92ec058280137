'use client'

import { useId, useLayoutEffect, useRef } from 'react'
import type { AreaId } from '@/lib/planning/planningModel'
import { TITLE_MAX } from '@/lib/board/planShapes'
import { useT } from '@/components/i18n/I18nProvider'
import { notesStillThere, useThemeSuggestions } from '../useThemeSuggestions'
import styles from './outline.module.css'

export interface OutlineSuggestionsProps {
  boardId: string
  areaId: AreaId
  areaTitle: string
  /** A note's text, or null when it is no longer on the board. */
  textOf(noteId: string): string | null
  /** Makes a theme of the notes, as grouping does; returns how many notes it holds, or 0. */
  onAccept(noteIds: string[], title: string): number
  say(text: string): void
}

/**
 * *Föreslå teman* in an area of the outline (facilitators): the server's suggested themes for
 * the area's ungrouped notes, each with its notes, a title to edit, *Skapa tema* and *Avvisa*.
 * After accepting or rejecting one, focus goes to the next proposal so the facilitator can walk
 * the list without leaving it; the outcome is announced.
 */
export function OutlineSuggestions({ boardId, areaId, areaTitle, textOf, onAccept, say }: OutlineSuggestionsProps) {
  const t = useT()
  const ids = useId()
  const { proposals, busy, failed, suggest, retitle, remove, clear } = useThemeSuggestions(boardId)
  const list = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  // Where focus goes once the list has re-rendered (every change to it renders): a proposal's
  // title field by index, or the button.
  const focusNext = useRef<number | 'button' | null>(null)
  const setFocusNext = (target: number | 'button') => (focusNext.current = target)

  useLayoutEffect(() => {
    const target = focusNext.current
    if (target === null) return
    focusNext.current = null
    if (target === 'button') return button.current?.focus()
    const fields = list.current?.querySelectorAll<HTMLInputElement>('input[data-proposal-title]')
    const field = fields?.[Math.min(target, fields.length - 1)]
    if (field) field.focus()
    else button.current?.focus()
  })

  const run = async () => {
    const found = await suggest(areaId)
    if (!found) return
    if (found.length === 0) return say(t('outline.suggestNone', { area: areaTitle }))
    say(t('outline.suggestFound', { count: found.length, area: areaTitle }))
    setFocusNext(0)
  }
  const done = (index: number) => {
    const left = (proposals?.length ?? 1) - 1
    remove(index)
    setFocusNext(left > 0 ? index : 'button')
    return left
  }

  return (
    <div className={styles.suggestions} ref={list}>
      <div className={styles.actions}>
        <button
          ref={button}
          type="button"
          className="button"
          aria-label={t('outline.suggestNamed', { area: areaTitle })}
          // aria-disabled, not disabled: a button that loses focus as it disables strands the keyboard.
          aria-disabled={busy}
          onClick={() => !busy && void run()}
        >
          {t('suggest.button')}
        </button>
        {busy && <span className={styles.hint}>{t('suggest.running')}</span>}
        {proposals && proposals.length > 0 && (
          <button type="button" className="button button--quiet" onClick={() => (clear(), setFocusNext('button'))}>
            {t('outline.closeSuggestions')}
          </button>
        )}
      </div>
      {failed && (
        <p className="form-error" role="alert">
          {t('suggest.failed')}
        </p>
      )}
      {proposals && proposals.length === 0 && <p className={styles.hint}>{t('outline.suggestNone', { area: areaTitle })}</p>}
      {proposals && proposals.length > 0 && (
        <>
          <h4 id={`${ids}-title`}>{t('suggest.title')}</h4>
          <ol aria-labelledby={`${ids}-title`} className={styles.proposals}>
            {proposals.map((proposal, index) => {
              const title = proposal.title.trim() || t('theme.newTitle')
              const label = `${ids}-p${index}`
              return (
                <li key={proposal.noteIds.join(' ')} className={styles.proposal} aria-labelledby={label} data-outline-proposal={index}>
                  <p id={label} className={styles.hint}>
                    {t('outline.proposal', { number: index + 1, total: proposals.length })}
                  </p>
                  <label className="field">
                    <span>{t('theme.titleField')}</span>
                    <input
                      dir="auto"
                      data-proposal-title
                      value={proposal.title}
                      maxLength={TITLE_MAX}
                      aria-describedby={label}
                      onChange={(e) => retitle(index, e.target.value)}
                    />
                  </label>
                  <ul aria-label={t('outline.proposalNotes')}>
                    {proposal.noteIds.map((noteId) => (
                      <li key={noteId} dir="auto">
                        {textOf(noteId) ?? ''}
                      </li>
                    ))}
                  </ul>
                  <div className={styles.actions}>
                    <button
                      type="button"
                      className="button button--primary"
                      aria-label={t('outline.acceptNamed', { title })}
                      onClick={() => {
                        const count = onAccept(
                          notesStillThere(proposal, (id) => textOf(id) !== null),
                          title,
                        )
                        const left = done(index)
                        if (count > 0) say(t('outline.accepted', { title, count, left }))
                      }}
                    >
                      {t('suggest.accept')}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet"
                      aria-label={t('outline.rejectNamed', { title })}
                      onClick={() => say(t('outline.rejected', { title, left: done(index) }))}
                    >
                      {t('suggest.reject')}
                    </button>
                  </div>
                </li>
              )
            })}
          </ol>
        </>
      )}
    </div>
  )
}
