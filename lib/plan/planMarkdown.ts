/**
 * The plan as Markdown in its language: per step and area, the commitments with owner, period
 * and indicator, last period's commitments with their status, then supporting themes and top
 * ideas. Board text is escaped as in the report, so it cannot change the document's structure.
 */
import { escapeMarkdown, escapeMarkdownLine } from '../export/reportMarkdown'
import { formatReportTime } from '../export/report'
import { translator, type Translate } from '../i18n/messages'
import type { Plan, PlanCommitment } from './buildPlan'

/** Board text on one line, for the short facts a list item carries after its title. */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ')

/** "Anna Lind · 2027-06-30 · Indikator: …", the facts of a commitment in one line. */
export function commitmentFacts(t: Translate, c: PlanCommitment): string[] {
  return [
    `${t('plan.owner')}: ${c.owner || t('commitment.noOwner')}`,
    `${t('plan.due')}: ${c.due || t('commitment.noDue')}`,
    ...(c.indicator ? [`${t('plan.indicator')}: ${c.indicator}`] : []),
  ]
}

export function votesLabel(t: Translate, votes: number): string {
  return votes === 1 ? t('outline.votesOne') : t('plan.votes', { count: votes })
}

export function planToMarkdown(plan: Plan): string {
  const t = translator(plan.locale)
  const out: string[] = []
  out.push(`# ${escapeMarkdownLine(t('plan.title', { name: plan.board.name }))}`, '')
  out.push(t('plan.generated', { date: formatReportTime(plan.generatedAt) }) + ' UTC')
  if (plan.continues) out.push('', escapeMarkdownLine(t('plan.continues', { name: plan.continues.name })))
  out.push('')

  const commitmentItem = (c: PlanCommitment, withStatus: boolean) => {
    out.push(`- **${escapeMarkdown(c.text, '  ')}**`)
    if (withStatus) {
      const status = `${t('plan.statusLine')}: ${t(`commitment.status.${c.status}`)}`
      out.push(`  - ${escapeMarkdownLine(oneLine(c.statusComment ? `${status} — ${c.statusComment}` : status))}`)
    }
    out.push(
      `  - ${commitmentFacts(t, c)
        .map((fact) => escapeMarkdownLine(oneLine(fact)))
        .join(' · ')}`,
    )
    const basis = c.sources.filter((s) => s.text.trim() !== '')
    if (basis.length > 0) {
      const list = basis.map((s) => (s.votes > 0 ? `${s.text} (${votesLabel(t, s.votes)})` : s.text)).join('; ')
      out.push(`  - ${t('plan.basedOn')}: ${escapeMarkdownLine(oneLine(list))}`)
    }
    if (c.branches.length > 0) out.push(`  - ${t('plan.supportedBy')}: ${escapeMarkdownLine(oneLine(c.branches.join(', ')))}`)
  }

  for (const step of plan.steps) {
    out.push(`## ${step.number}. ${escapeMarkdownLine(step.title)}`, '')
    for (const area of step.areas) {
      out.push(`### ${escapeMarkdownLine(area.title)}`, '', `_${escapeMarkdownLine(area.question)}_`, '')
      if (area.previous.length > 0) {
        out.push(`#### ${t('plan.previous')}`, '')
        for (const c of area.previous) commitmentItem(c, true)
        out.push('')
      }
      out.push(`#### ${t('plan.commitments')}`, '')
      if (area.commitments.length === 0) out.push(`_${t('plan.noCommitments')}_`)
      for (const c of area.commitments) commitmentItem(c, false)
      out.push('')
      if (area.themes.length > 0) {
        out.push(`#### ${t('plan.themes')}`, '')
        for (const theme of area.themes) {
          const title = theme.title || t('theme.untitled')
          out.push(`- **${escapeMarkdownLine(title)}**${theme.votes > 0 ? ` (${votesLabel(t, theme.votes)})` : ''}`)
          for (const note of theme.notes) {
            out.push(`  - ${escapeMarkdown(note.text, '    ')}${note.votes > 0 ? ` (${votesLabel(t, note.votes)})` : ''}`)
          }
        }
        out.push('')
      }
      if (area.topIdeas.length > 0) {
        out.push(`#### ${t('plan.topIdeas')}`, '')
        area.topIdeas.forEach((idea, i) => out.push(`${i + 1}. ${escapeMarkdown(idea.text, '   ')} (${votesLabel(t, idea.votes)})`))
        out.push('')
      }
    }
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  )
}
