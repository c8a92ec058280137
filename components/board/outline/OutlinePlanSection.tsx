'use client'

import { useId, useState, type FormEvent } from 'react'
import type { CommitmentView } from '@/lib/board/readModel'
import { COMMITMENT_STATUSES, TEXT_MAX, type CommitmentStatus } from '@/lib/board/planShapes'
import { useT } from '@/components/i18n/I18nProvider'
import { FollowUpSection } from '../FollowUpSection'
import { PlanLinks } from '../PlanLinks'
import styles from './outline.module.css'

export interface OutlinePlanSectionProps {
  boardId: string
  boardName: string
  /** The board whose plan this board follows up, if any. */
  continues: { boardId: string; name: string } | null
  /** Commitments carried over from that plan, each with the title of its area. */
  carried: readonly (CommitmentView & { areaTitle: string })[]
  /** Setting the carried commitments' statuses (facilitators). */
  canJudge: boolean
  /** *Ny tavla från förra planen* (facilitators with a staff account). */
  canFollowUp: boolean
  onStatus(commitment: CommitmentView, status: CommitmentStatus | '', comment: string): void
}

/**
 * The plan at the end of *Lista*: the plan document to download or print, last period's
 * commitments with their follow-up status (set here by facilitators), and the next period's
 * board made from this one's plan.
 */
export function OutlinePlanSection(props: OutlinePlanSectionProps) {
  const { boardId, boardName, continues, carried, canJudge, canFollowUp, onStatus } = props
  const t = useT()
  const headingId = useId()
  return (
    <section className={`${styles.step} ${styles.plan}`} aria-labelledby={headingId} data-outline-plan>
      <h2 id={headingId} className={styles.stepTitle} tabIndex={-1}>
        {t('outline.planHeading')}
      </h2>
      <p className={styles.hint}>{t('outline.planHint')}</p>
      <h3>{t('plan.download')}</h3>
      <PlanLinks boardId={boardId} />
      {carried.length > 0 && (
        <>
          <h3>{t('plan.previous')}</h3>
          {continues && <p className={styles.hint}>{t('outline.previousFrom', { name: continues.name })}</p>}
          <ul className={styles.previous}>
            {carried.map((commitment) => (
              <PreviousCommitment key={commitment.id} commitment={commitment} canJudge={canJudge} onStatus={onStatus} />
            ))}
          </ul>
        </>
      )}
      {canFollowUp && <FollowUpSection boardId={boardId} boardName={boardName} />}
    </section>
  )
}

function PreviousCommitment({
  commitment,
  canJudge,
  onStatus,
}: {
  commitment: CommitmentView & { areaTitle: string }
  canJudge: boolean
  onStatus: OutlinePlanSectionProps['onStatus']
}) {
  const t = useT()
  const ids = useId()
  const [status, setStatus] = useState<CommitmentStatus | ''>(commitment.status)
  const [comment, setComment] = useState(commitment.statusComment)
  // Someone else's change shows here too (this form holds no unsaved work worth more than theirs).
  const [shown, setShown] = useState({ status: commitment.status, comment: commitment.statusComment })
  if (shown.status !== commitment.status || shown.comment !== commitment.statusComment) {
    setShown({ status: commitment.status, comment: commitment.statusComment })
    setStatus(commitment.status)
    setComment(commitment.statusComment)
  }
  const save = (event: FormEvent) => {
    event.preventDefault()
    onStatus(commitment, status, comment.trim())
  }
  return (
    <li data-outline-previous={commitment.id}>
      <strong dir="auto">{commitment.text}</strong>
      <div className={styles.hint}>
        {commitment.areaTitle} · {t('plan.owner')}: {commitment.owner || t('commitment.noOwner')} · {t('plan.due')}:{' '}
        {commitment.due || t('commitment.noDue')}
      </div>
      {!canJudge && (
        <p data-testid="outline-previous-status">
          {t('plan.statusLine')}: {t(`commitment.status.${commitment.status}`)}
          {commitment.statusComment && ` — ${commitment.statusComment}`}
        </p>
      )}
      {canJudge && (
        <form className={styles.form} onSubmit={save}>
          <label className="field">
            <span>{t('commitment.status')}</span>
            <select
              value={status}
              aria-label={t('outline.statusNamed', { text: commitment.text })}
              onChange={(e) => setStatus(e.target.value as CommitmentStatus | '')}
            >
              {(['', ...COMMITMENT_STATUSES] as const).map((value) => (
                <option key={value} value={value}>
                  {t(`commitment.status.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('commitment.statusComment')}</span>
            <textarea
              id={`${ids}-comment`}
              dir="auto"
              rows={2}
              maxLength={TEXT_MAX}
              value={comment}
              aria-label={t('outline.statusCommentNamed', { text: commitment.text })}
              onChange={(e) => setComment(e.target.value)}
            />
          </label>
          <div className={styles.actions}>
            <button type="submit" className="button" aria-label={t('outline.statusSaveNamed', { text: commitment.text })}>
              {t('outline.statusSave')}
            </button>
          </div>
        </form>
      )}
    </li>
  )
}
