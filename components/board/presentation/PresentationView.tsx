'use client'

import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useI18n } from '@/components/i18n/I18nProvider'
import {
  NOTES_PER_PAGE,
  PRESENTATION_FRAMES,
  frameIndex,
  pageCount,
  stepPresentation,
  type PresentationFrame,
} from '@/lib/board/presentation'
import type { AreaView, BoardView, NoteView } from '@/lib/board/readModel'
import { tallyRounds } from '@/lib/board/votes'
import { CONTINUOUS_IMPROVEMENT, getArea, getStep, STEPS } from '@/lib/planning/planningModel'
import { useBoardSessionContext } from '../BoardSessionContext'
import { useReadBoard } from './useReadBoard'

/**
 * Presentation mode on screen: the frame the facilitator is presenting, drawn as large HTML
 * (not the canvas) so it reads from the back of the room on a 1366×768 projector — note text
 * 20 px, area titles 44 px — with as many pages as the notes need. The facilitator steps with
 * the buttons or the arrow / Page keys; everyone else follows and may step out and back in.
 */
export function PresentationView({ boardName, onStepOut }: { boardName: string; onStepOut(): void }) {
  const { locale, t } = useI18n()
  const board = useBoardSessionContext()
  const presentation = board?.session.presentation ?? null
  const view = useReadBoard(board?.doc ?? null, locale, presentation !== null)
  const facilitator = board?.role === 'facilitator'
  const [busy, setBusy] = useState(false)
  const root = useRef<HTMLElement>(null)

  const rounds = useMemo(() => {
    const session = board?.session
    if (!session) return []
    return [...session.pastVotingRounds, ...(session.voting ? [session.voting] : [])]
  }, [board?.session])
  const resultsHidden = board?.session.voting?.active === true && board.session.voting.hideTally === true
  const ranked = useMemo(() => {
    if (!view || !board?.doc || resultsHidden || rounds.length === 0) return []
    const tally = tallyRounds(
      board.doc,
      rounds.map((r) => r.id),
    )
    return allNotes(view)
      .map((note) => ({ note, votes: tally.get(note.id) ?? 0 }))
      .filter((entry) => entry.votes > 0)
      .sort((a, b) => b.votes - a.votes)
    // The view changes with every edit and vote; the tally is read with it.
  }, [view, board?.doc, rounds, resultsHidden])

  const notesIn = useCallback(
    (frame: PresentationFrame) => {
      if (frame.kind === 'results') return ranked.length
      if (frame.kind !== 'area' || !view) return 0
      return areaOf(view, frame.areaId)?.notes.length ?? 0
    },
    [view, ranked.length],
  )

  const go = useCallback(
    async (direction: 1 | -1) => {
      if (!presentation || !board || busy) return
      const next = stepPresentation(presentation, direction, notesIn)
      if (!next) return
      setBusy(true)
      try {
        await fetch(`/api/boards/${encodeURIComponent(board.boardId)}/facilitation`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'presentation.show', ...next }),
        })
      } finally {
        setBusy(false)
      }
    },
    [presentation, board, busy, notesIn],
  )

  const stop = async () => {
    if (!board) return
    await fetch(`/api/boards/${encodeURIComponent(board.boardId)}/facilitation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'presentation.stop' }),
    })
  }

  useEffect(() => {
    if (!facilitator || !presentation) return
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return
      if (['ArrowRight', 'PageDown', ' '].includes(event.key)) {
        event.preventDefault()
        void go(1)
      } else if (['ArrowLeft', 'PageUp'].includes(event.key)) {
        event.preventDefault()
        void go(-1)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [facilitator, presentation, go])

  useEffect(() => {
    root.current?.focus()
  }, [presentation?.id])

  if (!presentation || !view || !board) return null
  const index = frameIndex(presentation.frame)
  const frame = PRESENTATION_FRAMES[index]
  const pages = pageCount(frame, notesIn(frame))
  const page = Math.min(presentation.page, pages - 1)
  const atStart = stepPresentation(presentation, -1, notesIn) === null
  const atEnd = stepPresentation(presentation, 1, notesIn) === null
  const showVotes = rounds.length > 0 && !resultsHidden && rounds.some((r) => !r.active || !r.hideTally)
  const tally =
    showVotes && board.doc
      ? tallyRounds(
          board.doc,
          rounds.map((r) => r.id),
        )
      : null

  return (
    <section
      ref={root}
      className="presentation"
      aria-label={t('present.label')}
      aria-roledescription={t('present.label')}
      data-frame={frame.key}
      data-page={page}
      tabIndex={-1}
    >
      <div className="presentation__frame" aria-live="polite">
        {frame.kind === 'intro' && (
          <>
            <p className="presentation__eyebrow">{boardName}</p>
            <h2 className="presentation__title">{t('present.intro')}</h2>
            <ol className="presentation__overview">
              {STEPS.map((step) => {
                const stepView = view.steps.find((s) => s.number === step.number)
                return (
                  <li key={step.number} className={`presentation__card presentation__card--${step.perspective}`}>
                    <span className="presentation__cardEyebrow">{t('board.stepLabel', { number: step.number })}</span>
                    <span className="presentation__cardTitle">{step.title[locale]}</span>
                    <span className="presentation__cardMeta">
                      {stepView?.areas.map((a) => `${a.title} (${a.notes.length})`).join(' · ')}
                    </span>
                  </li>
                )
              })}
              <li className="presentation__card presentation__card--loop">
                <span className="presentation__cardTitle">{CONTINUOUS_IMPROVEMENT.title[locale]}</span>
              </li>
            </ol>
          </>
        )}
        {frame.kind === 'step' && <StepFrame view={view} step={frame.step} />}
        {frame.kind === 'area' && (
          <AreaFrame area={areaOf(view, frame.areaId)!} step={frame.step} page={page} pages={pages} tally={tally} />
        )}
        {frame.kind === 'loop' && (
          <>
            <p className="presentation__eyebrow">{t('present.intro')}</p>
            <h2 className="presentation__title">{CONTINUOUS_IMPROVEMENT.title[locale]}</h2>
            <p className="presentation__summary">{CONTINUOUS_IMPROVEMENT.summary[locale]}</p>
          </>
        )}
        {frame.kind === 'results' && (
          <>
            <p className="presentation__eyebrow">{boardName}</p>
            <h2 className="presentation__title">{t('present.results')}</h2>
            {resultsHidden ? (
              <p className="presentation__summary">{t('present.resultsHidden')}</p>
            ) : ranked.length === 0 ? (
              <p className="presentation__summary">{t('present.noResults')}</p>
            ) : (
              <ol className="presentation__ranking" start={page * NOTES_PER_PAGE + 1}>
                {ranked.slice(page * NOTES_PER_PAGE, (page + 1) * NOTES_PER_PAGE).map(({ note, votes }) => (
                  <li key={note.id}>
                    <span dir="auto" className="presentation__rankText">
                      {note.text}
                    </span>
                    <span className="presentation__rankMeta">
                      {note.areaId ? getArea(note.areaId).title[locale] : t('export.unplaced')} · {t('voting.votes', { count: votes })}
                    </span>
                  </li>
                ))}
              </ol>
            )}
            {pages > 1 && <p className="presentation__page">{t('present.page', { page: page + 1, pages })}</p>}
          </>
        )}
      </div>

      <div className="presentation__controls">
        <span className="presentation__position">{t('present.position', { number: index + 1, total: PRESENTATION_FRAMES.length })}</span>
        {facilitator ? (
          <>
            <button
              type="button"
              className="button"
              disabled={atStart || busy}
              onClick={() => void go(-1)}
              aria-keyshortcuts="ArrowLeft PageUp"
            >
              <span aria-hidden="true">◀</span> {t('present.previous')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={atEnd || busy}
              onClick={() => void go(1)}
              aria-keyshortcuts="ArrowRight PageDown"
            >
              {t('present.next')} <span aria-hidden="true">▶</span>
            </button>
            <button type="button" className="button button--quiet" onClick={() => void stop()}>
              {t('present.stop')}
            </button>
            <span className="visually-hidden">{t('present.keys')}</span>
          </>
        ) : (
          <button type="button" className="button" onClick={onStepOut}>
            {t('present.leave')}
          </button>
        )}
      </div>
    </section>
  )
}

function StepFrame({ view, step }: { view: BoardView; step: 1 | 2 | 3 }) {
  const { locale, t } = useI18n()
  const model = getStep(step)
  const stepView = view.steps.find((s) => s.number === step)
  return (
    <>
      <p className={`presentation__eyebrow presentation__eyebrow--${model.perspective}`}>
        {t('board.stepLabel', { number: step })} · {t(`board.perspective.${model.perspective}`)}
      </p>
      <h2 className="presentation__title">{model.title[locale]}</h2>
      <p className="presentation__summary">{model.summary[locale]}</p>
      <ul className="presentation__areas">
        {stepView?.areas.map((area) => (
          <li key={area.id} className={`presentation__card presentation__card--${model.perspective}`}>
            <span className="presentation__cardTitle">{area.title}</span>
            <span className="presentation__cardMeta">{area.question}</span>
            <span className="presentation__cardMeta">{t('board.noteCount', { count: area.notes.length })}</span>
          </li>
        ))}
      </ul>
    </>
  )
}

function AreaFrame({
  area,
  step,
  page,
  pages,
  tally,
}: {
  area: AreaView
  step: 1 | 2 | 3
  page: number
  pages: number
  tally: Map<string, number> | null
}) {
  const { t } = useI18n()
  const model = getStep(step)
  const notes = area.notes.slice(page * NOTES_PER_PAGE, (page + 1) * NOTES_PER_PAGE)
  return (
    <>
      <p className={`presentation__eyebrow presentation__eyebrow--${model.perspective}`}>
        {t('board.stepLabel', { number: step })} · {t(`board.perspective.${model.perspective}`)}
      </p>
      <h2 className="presentation__title presentation__title--area">{area.title}</h2>
      <p className="presentation__question">{area.question}</p>
      {notes.length === 0 ? (
        <p className="presentation__summary">{t('export.noNotes')}</p>
      ) : (
        <ul className="presentation__notes">
          {notes.map((note) => (
            <li key={note.id} className={`presentation__note presentation__note--${note.color}`} dir="auto">
              <span className="presentation__noteText">{note.text}</span>
              {tally && (tally.get(note.id) ?? 0) > 0 && (
                <span className="presentation__noteVotes">● {t('voting.votes', { count: tally.get(note.id)! })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && <p className="presentation__page">{t('present.page', { page: page + 1, pages })}</p>}
    </>
  )
}

function areaOf(view: BoardView, areaId: string): AreaView | undefined {
  return view.steps.flatMap((s) => s.areas).find((a) => a.id === areaId)
}

function allNotes(view: BoardView): NoteView[] {
  return [...view.steps.flatMap((s) => s.areas.flatMap((a) => a.notes)), ...view.unplaced]
}
