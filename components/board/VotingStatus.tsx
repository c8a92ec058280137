'use client'

import { useId, useState } from 'react'
import { readBoard } from '@/lib/board/readModel'
import { tallyRounds } from '@/lib/board/votes'
import { useI18n } from '@/components/i18n/I18nProvider'
import { ModalDialog } from '@/components/layout/ModalDialog'
import { useBoardSessionContext } from './BoardSessionContext'

/** The voting round in the header: votes left, and the results ranked per area. */
export function VotingStatus() {
  const { locale, t } = useI18n()
  const context = useBoardSessionContext()
  const [open, setOpen] = useState(false)
  const [picked, setPicked] = useState<string>('all')
  const pickId = useId()
  const round = context?.session.voting
  if (!context || !round) return null
  const canVote = context.role !== 'observer'
  // A round that hides its tally has no results to show until it ends (the counts are sealed).
  const resultsHidden = round.active && round.hideTally
  const view = open && !resultsHidden && context.doc ? readBoard(context.doc, locale) : null
  const rounds = [...context.session.pastVotingRounds, round]
  const chosen = rounds.find((r) => r.id === picked)
  const tally =
    view && context.doc
      ? tallyRounds(
          context.doc,
          (chosen ? [chosen] : rounds).map((r) => r.id),
        )
      : null

  return (
    <>
      <span className="role-notice role-notice--voting" data-testid="voting-status">
        {round.active ? (canVote ? t('voting.remaining', { count: context.remainingVotes }) : t('voting.title')) : t('voting.ended')}
      </span>
      {resultsHidden ? (
        <span className="visually-hidden">{t('voting.hiddenUntilEnd')}</span>
      ) : (
        <button type="button" className="button button--quiet" onClick={() => setOpen(true)} aria-haspopup="dialog">
          {t('voting.results')}
        </button>
      )}
      {open && view && tally && (
        <ModalDialog title={t('voting.resultsTitle')} onClose={() => setOpen(false)}>
          {rounds.length > 1 && (
            <label className="field field--small" htmlFor={pickId}>
              <span>{t('voting.roundPick')}</span>
              <select id={pickId} value={chosen ? chosen.id : 'all'} onChange={(e) => setPicked(e.target.value)}>
                <option value="all">{t('voting.roundAll')}</option>
                {rounds.map((r, i) => (
                  <option key={r.id} value={r.id}>
                    {t('voting.round', { number: i + 1 })}
                  </option>
                ))}
              </select>
            </label>
          )}
          {view.steps.flatMap((step) =>
            step.areas.map((area) => {
              const ranked = area.notes
                .map((note) => ({ note, votes: tally.get(note.id) ?? 0 }))
                .filter((entry) => entry.votes > 0)
                .sort((a, b) => b.votes - a.votes)
              return (
                <section key={area.id} className="results-area">
                  <h3>{area.title}</h3>
                  {ranked.length === 0 ? (
                    <p className="muted">{t('voting.none')}</p>
                  ) : (
                    <ol>
                      {ranked.map(({ note, votes }) => (
                        <li key={note.id}>
                          <span dir="auto">{note.text}</span> <strong>{t('voting.votes', { count: votes })}</strong>
                        </li>
                      ))}
                    </ol>
                  )}
                </section>
              )
            }),
          )}
        </ModalDialog>
      )}
    </>
  )
}
