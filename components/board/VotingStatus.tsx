'use client'

import { useState } from 'react'
import { readBoard } from '@/lib/board/readModel'
import { useI18n } from '@/components/i18n/I18nProvider'
import { ModalDialog } from '@/components/layout/ModalDialog'
import { useBoardSessionContext } from './BoardSessionContext'

/** The voting round in the header: votes left, and the results ranked per area. */
export function VotingStatus() {
  const { locale, t } = useI18n()
  const context = useBoardSessionContext()
  const [open, setOpen] = useState(false)
  const round = context?.session.voting
  if (!context || !round) return null
  const canVote = context.role !== 'observer'
  const view = open && context.doc ? readBoard(context.doc, locale) : null

  return (
    <>
      <span className="role-notice role-notice--voting" data-testid="voting-status">
        {round.active
          ? canVote
            ? context.remainingVotes === 1
              ? t('voting.remainingOne')
              : t('voting.remaining', { count: context.remainingVotes })
            : t('voting.title')
          : t('voting.ended')}
      </span>
      <button type="button" className="button button--quiet" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {t('voting.results')}
      </button>
      {open && view && (
        <ModalDialog title={t('voting.resultsTitle')} onClose={() => setOpen(false)}>
          {view.steps.flatMap((step) =>
            step.areas.map((area) => {
              const ranked = area.notes
                .map((note) => ({ note, votes: context.tally.get(note.id) ?? 0 }))
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
