'use client'

import Link from 'next/link'
import { useEffect, useState } from 'react'
import { useI18n } from '@/components/i18n/I18nProvider'
import { AREAS, STEPS } from '@/lib/planning/planningModel'
import type { RoundOverview as Overview } from '@/lib/rounds/roundControl'
import styles from './rounds.module.css'

/** How often the overview asks the server again while the page is open. */
export const OVERVIEW_REFRESH_MS = 5000

/**
 * A round's overview: a row per board with its notes, themes, votes, participants and whether
 * it is done, then the same per step and area. It refreshes itself while branches work; a
 * polite live region says when it last did, without reading the whole table out again.
 */
export function RoundOverview({ initial }: { initial: Overview }) {
  const { locale, t } = useI18n()
  const [overview, setOverview] = useState(initial)
  const roundId = initial.round.id

  useEffect(() => {
    let stopped = false
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/api/rounds/${roundId}/overview`, { cache: 'no-store' })
        if (response.ok && !stopped) setOverview((await response.json()) as Overview)
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }, OVERVIEW_REFRESH_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [roundId])

  const time = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { timeStyle: 'medium' }).format(new Date(overview.generatedAt))
  const sum = (pick: (b: Overview['boards'][number]) => number) => overview.boards.reduce((n, b) => n + pick(b), 0)

  return (
    <>
      <p className="muted">
        {t('round.live')} <span aria-live="polite">{t('round.updated', { time })}</span>
      </p>
      <div className={styles.wide}>
        <table className="table" data-testid="round-overview">
          <caption className="visually-hidden">{t('round.overview')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('round.branch')}</th>
              <th scope="col" className={styles.numeric}>
                {t('round.notes')}
              </th>
              <th scope="col" className={styles.numeric}>
                {t('round.themes')}
              </th>
              <th scope="col" className={styles.numeric}>
                {t('round.votes')}
              </th>
              <th scope="col">{t('round.participants')}</th>
              <th scope="col">{t('round.done')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.boards.map((board) => (
              <tr key={board.boardId} data-board={board.boardId}>
                <th scope="row">
                  <Link href={`/boards/${board.boardId}`} dir="auto">
                    {board.kind === 'central' ? `${t('round.central')}: ${board.branch}` : board.branch}
                  </Link>
                </th>
                <td className={styles.numeric}>{board.notes}</td>
                <td className={styles.numeric}>{board.themes}</td>
                <td className={styles.numeric}>{board.votes}</td>
                <td dir="auto">{board.participants.length > 0 ? board.participants.join(', ') : board.participantCount}</td>
                <td className={board.done ? styles.done : styles.working}>{board.done ? t('round.done') : t('round.working')}</td>
              </tr>
            ))}
            <tr className={styles.total}>
              <th scope="row">{t('round.total')}</th>
              <td className={styles.numeric}>{sum((b) => b.notes)}</td>
              <td className={styles.numeric}>{sum((b) => b.themes)}</td>
              <td className={styles.numeric}>{sum((b) => b.votes)}</td>
              <td>{sum((b) => b.participantCount)}</td>
              <td>
                {overview.boards.filter((b) => b.kind === 'branch' && b.done).length} /{' '}
                {overview.boards.filter((b) => b.kind === 'branch').length}
              </td>
            </tr>
          </tbody>
        </table>
      </div>

      <h2>{t('round.areaTable')}</h2>
      <div className={styles.wide}>
        <table className="table" data-testid="round-areas">
          <caption className="visually-hidden">{t('round.areaTable')}</caption>
          <thead>
            <tr>
              <td />
              {STEPS.map((step) => (
                <th key={step.number} scope="colgroup" colSpan={AREAS.filter((a) => a.step === step.number).length}>
                  {step.number}. {step.title[locale]}
                </th>
              ))}
            </tr>
            <tr>
              <th scope="col">{t('round.branch')}</th>
              {AREAS.map((area) => (
                <th key={area.id} scope="col">
                  {area.title[locale]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.boards.map((board) => (
              <tr key={board.boardId}>
                <th scope="row" dir="auto">
                  {board.branch}
                </th>
                {AREAS.map((area) => {
                  const counts = board.areas.find((a) => a.areaId === area.id)
                  const empty = !counts || counts.notes + counts.themes + counts.votes === 0
                  return (
                    <td key={area.id} className={`${styles.cell} ${empty ? styles.empty : ''}`}>
                      <span aria-hidden="true">
                        {counts?.notes ?? 0} · {counts?.themes ?? 0} · {counts?.votes ?? 0}
                      </span>
                      <span className="visually-hidden">
                        {t('round.areaCounts', { notes: counts?.notes ?? 0, themes: counts?.themes ?? 0, votes: counts?.votes ?? 0 })}
                      </span>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t('round.areaLegend')}</p>
    </>
  )
}
