'use client'

import { useId, useState, type ReactNode } from 'react'
import type { FacilitationCommand } from '@/lib/facilitation/commands'
import { AREAS, type AreaId } from '@/lib/planning/planningModel'
import type { SessionState } from '@/lib/board/session'
import { useI18n } from '@/components/i18n/I18nProvider'
import { useReturnFocus } from '@/components/layout/useReturnFocus'
import { AuthorNotesSection } from './AuthorNotesSection'

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId()
  return (
    <section className="panel-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  )
}

/**
 * The facilitator's controls: timer, voting, private round, names, area locks, summon, tidy.
 * Every control sends a command; the result reaches every screen through the board itself.
 */
export function FacilitatorPanel({
  boardId,
  session,
  onClose,
  onTidy,
  onTidyArea,
  onPhone,
}: {
  boardId: string
  session: SessionState
  onClose(): void
  onTidy(): void
  onTidyArea(areaId: AreaId): void
  onPhone(): void
}) {
  const { locale, t } = useI18n()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [minutes, setMinutes] = useState(10)
  const [votes, setVotes] = useState(3)
  const [anonymousVote, setAnonymousVote] = useState(true)
  const [hideTally, setHideTally] = useState(true)
  const [scope, setScope] = useState<AreaId[]>([])
  const [tidyTarget, setTidyTarget] = useState<AreaId>(AREAS[0].id)
  const titleId = useId()
  useReturnFocus()

  async function send(command: FacilitationCommand) {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/facilitation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(command),
      })
      if (!response.ok) setError(t('command.failed'))
    } catch {
      setError(t('command.failed'))
    } finally {
      setBusy(false)
    }
  }

  const { timer, voting, privateRound } = session
  return (
    <aside className="side-panel" aria-labelledby={titleId}>
      <div className="side-panel__head">
        <h2 id={titleId}>{t('facilitate.title')}</h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('share.close')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      <Section title={t('timer.title')}>
        <div className="row">
          <label className="field field--small">
            <span>{t('timer.minutes')}</span>
            <input type="number" min={1} max={240} value={minutes} onChange={(e) => setMinutes(Number(e.target.value) || 1)} />
          </label>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => send({ type: 'timer.start', minutes })}>
            {t('timer.start')}
          </button>
        </div>
        {timer.state !== 'idle' && (
          <div className="row">
            {timer.state === 'running' ? (
              <button type="button" className="button" disabled={busy} onClick={() => send({ type: 'timer.pause' })}>
                {t('timer.pause')}
              </button>
            ) : (
              <button type="button" className="button" disabled={busy} onClick={() => send({ type: 'timer.resume' })}>
                {t('timer.resume')}
              </button>
            )}
            <button type="button" className="button" disabled={busy} onClick={() => send({ type: 'timer.add', minutes: 1 })}>
              {t('timer.addMinute')}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => send({ type: 'timer.reset' })}>
              {t('timer.reset')}
            </button>
          </div>
        )}
      </Section>

      <Section title={t('voting.title')}>
        {voting?.active ? (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => send({ type: 'voting.end' })}>
            {t('voting.end')}
          </button>
        ) : (
          <>
            <label className="field field--small">
              <span>{t('voting.votesPerPerson')}</span>
              <input type="number" min={1} max={20} value={votes} onChange={(e) => setVotes(Number(e.target.value) || 1)} />
            </label>
            <fieldset className="checks">
              <legend>{t('voting.scope')}</legend>
              <label className="checkbox">
                <input type="checkbox" checked={scope.length === 0} onChange={() => setScope([])} />
                <span>{t('voting.wholeBoard')}</span>
              </label>
              {AREAS.map((area) => (
                <label key={area.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={scope.includes(area.id)}
                    onChange={(e) => setScope((s) => (e.target.checked ? [...s, area.id] : s.filter((id) => id !== area.id)))}
                  />
                  <span>{area.title[locale]}</span>
                </label>
              ))}
            </fieldset>
            <label className="checkbox">
              <input type="checkbox" checked={anonymousVote} onChange={(e) => setAnonymousVote(e.target.checked)} />
              <span>{t('voting.anonymous')}</span>
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={hideTally} onChange={(e) => setHideTally(e.target.checked)} />
              <span>{t('voting.hideTally')}</span>
            </label>
            {voting && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={voting.resultsShown}
                  disabled={busy}
                  onChange={(e) => send({ type: 'voting.showResults', show: e.target.checked })}
                />
                <span>{t('voting.showResults')}</span>
              </label>
            )}
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() =>
                send({
                  type: 'voting.start',
                  votesPerPerson: votes,
                  areas: scope.length ? scope : null,
                  anonymous: anonymousVote,
                  hideTally,
                })
              }
            >
              {t('voting.start')}
            </button>
          </>
        )}
      </Section>

      <Section title={t('private.title')}>
        {privateRound?.active ? (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => send({ type: 'private.reveal' })}>
            {t('private.reveal')}
          </button>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => send({ type: 'private.start' })}>
            {t('private.start')}
          </button>
        )}
      </Section>

      <Section title={t('authors.title')}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={session.showAuthors && !session.anonymous}
            disabled={busy || session.anonymous}
            onChange={(e) => send({ type: 'authors.show', show: e.target.checked })}
          />
          <span>{t('authors.show')}</span>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={session.anonymous}
            disabled={busy}
            onChange={(e) => send({ type: 'board.anonymous', anonymous: e.target.checked })}
          />
          <span>{t('authors.anonymous')}</span>
        </label>
      </Section>

      <Section title={t('lock.title')}>
        <div className="checks">
          {AREAS.map((area) => (
            <label key={area.id} className="checkbox">
              <input
                type="checkbox"
                checked={session.lockedAreas.includes(area.id)}
                disabled={busy}
                onChange={(e) => send({ type: 'area.lock', areaId: area.id, locked: e.target.checked })}
              />
              <span>{area.title[locale]}</span>
            </label>
          ))}
        </div>
      </Section>

      <Section title={t('summon.start')}>
        <div className="row">
          <button type="button" className="button" disabled={busy} onClick={() => send({ type: 'summon.start' })}>
            {t('summon.start')}
          </button>
          {session.summon && (
            <button type="button" className="button" disabled={busy} onClick={() => send({ type: 'summon.stop' })}>
              {t('summon.stop')}
            </button>
          )}
        </div>
      </Section>

      <AuthorNotesSection boardId={boardId} />

      <Section title={t('tidy.title')}>
        <div className="row">
          <label className="field">
            <span>{t('tidy.which')}</span>
            <select value={tidyTarget} onChange={(e) => setTidyTarget(e.target.value as AreaId)}>
              {AREAS.map((area) => (
                <option key={area.id} value={area.id}>
                  {area.title[locale]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={() => onTidyArea(tidyTarget)}>
            {t('tidy.area')}
          </button>
        </div>
        <div className="row">
          <button type="button" className="button" onClick={onTidy}>
            {t('tidy.all')}
          </button>
          <button type="button" className="button" onClick={onPhone}>
            {t('phone.open')}
          </button>
        </div>
      </Section>
    </aside>
  )
}
