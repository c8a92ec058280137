/**
 * The report as Markdown in the report's language, shaped like the planning model (step →
 * area → notes, most votes first), to paste into a plan. Every text from the board is escaped,
 * so a note can neither inject HTML nor change the document's structure.
 */
import { translator } from '../i18n/messages'
import { formatReportTime, type Report, type ReportNote } from './report'

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' }

/**
 * One line of board text made inert: HTML's `& < >` become entities (so there is no raw HTML
 * at all), Markdown's inline markers are backslash-escaped, and a line that would start a
 * heading, list or rule is escaped at its start.
 */
export function escapeMarkdownLine(line: string): string {
  const inert = line.replace(/[&<>]/g, (c) => HTML_ENTITIES[c]).replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
  return inert.replace(/^(\s*)([#+\-=]|\d+(?=[.)]))/, (_m, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  )
}

/** Board text over several lines, as hard breaks inside one paragraph indented by `indent`. */
export function escapeMarkdown(text: string, indent = ''): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeMarkdownLine)
    .join(`  \n${indent}`)
}

export function reportToMarkdown(report: Report): string {
  const t = translator(report.locale)
  const count = (n: number, one: Parameters<typeof t>[0], many: Parameters<typeof t>[0]) => (n === 1 ? t(one) : t(many, { count: n }))
  const showVotes = report.voteCount > 0
  const out: string[] = []

  const noteList = (notes: ReportNote[]) => {
    if (notes.length === 0) {
      out.push(`_${t('export.noNotes')}_`, '')
      return
    }
    notes.forEach((note, i) => {
      const marker = `${i + 1}. `
      const extras: string[] = []
      if (showVotes) extras.push(count(note.votes, 'export.votesOne', 'export.votes'))
      if (note.author) extras.push(escapeMarkdownLine(note.author))
      const text = escapeMarkdown(note.text, ' '.repeat(marker.length)) || `_${t('export.emptyNote')}_`
      out.push(`${marker}${text}${extras.length ? ` — ${extras.join(' · ')}` : ''}`)
    })
    out.push('')
  }

  out.push(`# ${escapeMarkdownLine(report.board.name)}`, '')
  out.push(
    [
      t('export.generated', { date: formatReportTime(report.generatedAt) }),
      count(report.noteCount, 'export.notesOne', 'export.notes'),
      ...(showVotes ? [count(report.voteCount, 'export.votesOne', 'export.votes')] : []),
    ].join(' · '),
    '',
  )
  for (const step of report.steps) {
    out.push(`## ${t('export.step', { number: step.number })} · ${escapeMarkdownLine(step.title)}`, '')
    out.push(escapeMarkdown(step.summary), '')
    for (const area of step.areas) {
      out.push(`### ${escapeMarkdownLine(area.title)}`, '')
      out.push(`_${escapeMarkdownLine(area.question)}_`, '')
      noteList(area.notes)
    }
  }
  if (report.unplaced.length > 0) {
    out.push(`## ${t('export.unplaced')}`, '')
    noteList(report.unplaced)
  }
  return `${out.join('\n').trimEnd()}\n`
}
