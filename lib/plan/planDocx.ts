/**
 * The plan as a Word document (what a municipality edits), built with the `docx` library:
 * the same headings and lists as the Markdown, with Word's own heading and list styles so the
 * document can be restyled and gets a navigation pane.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx'
import { formatReportTime } from '../export/report'
import { translator } from '../i18n/messages'
import type { Plan, PlanCommitment } from './buildPlan'
import { commitmentFacts, votesLabel } from './planMarkdown'

/** Word refuses XML-invalid control characters; board text may contain them. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
}

/** Text over several lines as runs with breaks, in one paragraph. */
function runs(text: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return clean(text)
    .split(/\r\n|\r|\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...options }))
}

export function planToDocx(plan: Plan): Promise<Buffer> {
  const t = translator(plan.locale)
  const children: Paragraph[] = []
  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    children.push(new Paragraph({ heading: level, children: runs(text) }))
  const paragraph = (text: string, options: { italics?: boolean } = {}) => children.push(new Paragraph({ children: runs(text, options) }))

  const commitment = (c: PlanCommitment, withStatus: boolean) => {
    children.push(new Paragraph({ bullet: { level: 0 }, children: runs(c.text, { bold: true }) }))
    const details = [
      ...(withStatus
        ? [`${t('plan.statusLine')}: ${t(`commitment.status.${c.status}`)}${c.statusComment ? ` — ${c.statusComment}` : ''}`]
        : []),
      ...commitmentFacts(t, c),
    ]
    const basis = c.sources.filter((s) => s.text.trim() !== '')
    if (basis.length > 0) {
      details.push(`${t('plan.basedOn')}: ${basis.map((s) => (s.votes > 0 ? `${s.text} (${votesLabel(t, s.votes)})` : s.text)).join('; ')}`)
    }
    if (c.branches.length > 0) details.push(`${t('plan.supportedBy')}: ${c.branches.join(', ')}`)
    for (const line of details) children.push(new Paragraph({ bullet: { level: 1 }, children: runs(line) }))
  }

  heading(t('plan.title', { name: plan.board.name }), HeadingLevel.TITLE)
  paragraph(`${t('plan.generated', { date: formatReportTime(plan.generatedAt) })} UTC`, { italics: true })
  if (plan.continues) paragraph(t('plan.continues', { name: plan.continues.name }))
  for (const step of plan.steps) {
    heading(`${step.number}. ${step.title}`, HeadingLevel.HEADING_1)
    for (const area of step.areas) {
      heading(area.title, HeadingLevel.HEADING_2)
      paragraph(area.question, { italics: true })
      if (area.previous.length > 0) {
        heading(t('plan.previous'), HeadingLevel.HEADING_3)
        for (const c of area.previous) commitment(c, true)
      }
      heading(t('plan.commitments'), HeadingLevel.HEADING_3)
      if (area.commitments.length === 0) paragraph(t('plan.noCommitments'), { italics: true })
      for (const c of area.commitments) commitment(c, false)
      if (area.themes.length > 0) {
        heading(t('plan.themes'), HeadingLevel.HEADING_3)
        for (const theme of area.themes) {
          const title = `${theme.title || t('theme.untitled')}${theme.votes > 0 ? ` (${votesLabel(t, theme.votes)})` : ''}`
          children.push(new Paragraph({ bullet: { level: 0 }, children: runs(title, { bold: true }) }))
          for (const note of theme.notes) {
            children.push(
              new Paragraph({
                bullet: { level: 1 },
                children: runs(note.votes > 0 ? `${note.text} (${votesLabel(t, note.votes)})` : note.text),
              }),
            )
          }
        }
      }
      if (area.topIdeas.length > 0) {
        heading(t('plan.topIdeas'), HeadingLevel.HEADING_3)
        for (const idea of area.topIdeas) {
          children.push(new Paragraph({ bullet: { level: 0 }, children: runs(`${idea.text} (${votesLabel(t, idea.votes)})`) }))
        }
      }
    }
  }
  const document = new Document({
    creator: 'Strategitavlan',
    title: clean(t('plan.title', { name: plan.board.name })),
    sections: [{ children }],
  })
  return Packer.toBuffer(document)
}
