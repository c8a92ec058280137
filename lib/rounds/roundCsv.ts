/**
 * A planning round's notes as one CSV: a row per note of every board, with its branch first —
 * the same cell rules as the board report (lib/export/reportCsv.ts). Names only where the
 * board shows them (the digest leaves them out otherwise).
 */
import { csvText, type CsvOptions } from '../export/reportCsv'
import { getStep } from '../planning/planningModel'
import type { Locale } from '../i18n/locales'
import { translator, type MessageKey } from '../i18n/messages'
import type { BoardDigest } from './boardDigest'

const BOM = '\uFEFF'

export interface RoundCsvBoard {
  branch: string
  boardName: string
  kind: 'central' | 'branch'
  digest: BoardDigest
}

export function roundToCsv(boards: readonly RoundCsvBoard[], locale: Locale, options: CsvOptions = {}): string {
  const separator = options.separator ?? ','
  const t = translator(locale)
  const header: MessageKey[] = [
    'round.csv.branch',
    'round.csv.board',
    'export.csv.step',
    'export.csv.area',
    'export.csv.text',
    'round.csv.theme',
    'export.csv.author',
    'export.csv.votes',
    'round.csv.origin',
  ]
  const rows = [header.map((key) => csvText(t(key))).join(separator)]
  for (const board of boards) {
    for (const area of board.digest.areas) {
      const themes = new Map(area.themes.map((theme) => [theme.id, theme.title]))
      const step = getStep(area.step)
      for (const note of area.notes) {
        rows.push(
          [
            csvText(board.branch),
            csvText(board.boardName),
            csvText(`${step.number}. ${step.title[locale]}`),
            csvText(area.title),
            csvText(note.text),
            csvText(note.themeId ? (themes.get(note.themeId) ?? '') : ''),
            csvText(note.origin ? (note.origin.author ?? '') : (note.author ?? '')),
            String(note.origin ? note.origin.votes : note.votes),
            csvText(note.origin ? note.origin.branch : ''),
          ].join(separator),
        )
      }
    }
  }
  return `${BOM}${rows.join('\r\n')}\r\n`
}
