import type { Plan, PlanCommitment } from '@/lib/plan/buildPlan'
import { formatReportTime } from '@/lib/export/report'
import { commitmentFacts, votesLabel } from '@/lib/plan/planMarkdown'
import { translator } from '@/lib/i18n/messages'
import styles from './plan.module.css'

/**
 * The plan as a printable page: the same content as plan.md and plan.docx, with headings a
 * screen reader can navigate and a print style sheet that leaves out everything but the plan.
 */
export function PlanDocument({ plan }: { plan: Plan }) {
  const t = translator(plan.locale)
  const commitment = (c: PlanCommitment, withStatus: boolean) => (
    <li key={c.id} className={styles.commitment} data-commitment={c.id}>
      <strong className={styles.text}>{c.text}</strong>
      {withStatus && (
        <div className={styles.status}>
          {t('plan.statusLine')}: {t(`commitment.status.${c.status}`)}
          {c.statusComment && ` — ${c.statusComment}`}
        </div>
      )}
      <div>{commitmentFacts(t, c).join(' · ')}</div>
      {c.sources.some((s) => s.text.trim()) && (
        <div className={styles.basis}>
          {t('plan.basedOn')}:{' '}
          {c.sources
            .filter((s) => s.text.trim())
            .map((s) => (s.votes > 0 ? `${s.text} (${votesLabel(t, s.votes)})` : s.text))
            .join('; ')}
        </div>
      )}
      {c.branches.length > 0 && (
        <div className={styles.basis} data-testid="supported-by">
          {t('plan.supportedBy')}: <span dir="auto">{c.branches.join(', ')}</span>
        </div>
      )}
    </li>
  )
  return (
    <article className={styles.plan} lang={plan.locale}>
      <h1>{t('plan.title', { name: plan.board.name })}</h1>
      <p className={styles.meta}>
        {t('plan.generated', { date: `${formatReportTime(plan.generatedAt)} UTC` })}
        {plan.continues && (
          <>
            {' · '}
            <a href={`/boards/${plan.continues.boardId}/plan`}>{t('plan.continues', { name: plan.continues.name })}</a>
          </>
        )}
      </p>
      {plan.steps.map((step) => (
        <section key={step.number} aria-labelledby={`step-${step.number}`}>
          <h2 id={`step-${step.number}`}>
            {step.number}. {step.title}
          </h2>
          {step.areas.map((area) => (
            <section key={area.id} className={styles.area} aria-labelledby={`area-${area.id}`} data-area={area.id}>
              <h3 id={`area-${area.id}`}>{area.title}</h3>
              <p className={styles.question}>{area.question}</p>
              {area.previous.length > 0 && (
                <>
                  <h4>{t('plan.previous')}</h4>
                  <ul className={styles.list}>{area.previous.map((c) => commitment(c, true))}</ul>
                </>
              )}
              <h4>{t('plan.commitments')}</h4>
              {area.commitments.length === 0 ? (
                <p className={styles.empty}>{t('plan.noCommitments')}</p>
              ) : (
                <ul className={styles.list}>{area.commitments.map((c) => commitment(c, false))}</ul>
              )}
              {area.themes.length > 0 && (
                <>
                  <h4>{t('plan.themes')}</h4>
                  <ul className={styles.list}>
                    {area.themes.map((theme) => (
                      <li key={theme.id}>
                        <strong>{theme.title || t('theme.untitled')}</strong>
                        {theme.votes > 0 && ` (${votesLabel(t, theme.votes)})`}
                        <ul>
                          {theme.notes.map((note, i) => (
                            <li key={i}>
                              {note.text}
                              {note.votes > 0 && ` (${votesLabel(t, note.votes)})`}
                            </li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {area.topIdeas.length > 0 && (
                <>
                  <h4>{t('plan.topIdeas')}</h4>
                  <ol>
                    {area.topIdeas.map((idea, i) => (
                      <li key={i}>
                        {idea.text} ({votesLabel(t, idea.votes)})
                      </li>
                    ))}
                  </ol>
                </>
              )}
            </section>
          ))}
        </section>
      ))}
    </article>
  )
}
