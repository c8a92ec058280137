/**
 * The report as CSV: one row per note, RFC 4180 (every text field quoted, quotes doubled,
 * CRLF between rows), UTF-8 with a byte-order mark so Excel reads å, ä and ö, and no cell a
 * spreadsheet would run as a formula.
 */
import { translator, type MessageKey } from '../i18n/messages'
import { formatReportTime, reportNotes, type Report } from './report'

const BOM = '\uFEFF'

/** Characters that make a spreadsheet treat a cell as a formula (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/** One text cell: neutralised with a leading apostrophe if it would start a formula, then quoted. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return `"${safe.replace(/"/g, '""')}"`
}

export interface CsvOptions {
  /** `,` by RFC 4180; `;` for spreadsheets set up for Swedish, which split on semicolons. */
  separator?: ',' | ';'
}

export function reportToCsv(report: Report, options: CsvOptions = {}): string {
  const separator = options.separator ?? ','
  const t = translator(report.locale)
  const withAuthor = !report.board.anonymous
  const header: MessageKey[] = [
    'export.csv.step',
    'export.csv.perspective',
    'export.csv.area',
    'export.csv.text',
    ...(withAuthor ? (['export.csv.author'] as const) : []),
    'export.csv.votes',
    'export.csv.created',
    'export.csv.updated',
  ]
  const rows = [header.map((key) => csvText(t(key))).join(separator)]
  for (const { step, area, note } of reportNotes(report)) {
    const cells = [
      csvText(step ? `${step.number}. ${step.title}` : ''),
      csvText(step ? t(`board.perspective.${step.perspective}`) : ''),
      csvText(area ? area.title : t('export.unplaced')),
      csvText(note.text),
      ...(withAuthor ? [csvText(note.author ?? '')] : []),
      String(note.votes),
      csvText(formatReportTime(note.createdAt)),
      csvText(formatReportTime(note.updatedAt)),
    ]
    rows.push(cells.join(separator))
  }
  return `${BOM}${rows.join('\r\n')}\r\n`
}
