import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readBoard } from '../board/readModel'
import { writeSession } from '../board/session'
import type { Locale } from '../i18n/locales'
import { readReportFacts } from './boardFacts'
import { buildReport, type Report } from './report'
import { reportToCsv } from './reportCsv'
import { reportToJson } from './reportJson'
import { reportToMarkdown } from './reportMarkdown'
import { WORKSHOP_NOTES, WORKSHOP_TIME, workshopDoc, type WorkshopOptions } from './testing/workshopBoard'

const GOLDEN = path.join(import.meta.dirname, 'golden')

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites them after a deliberate change. */
function expectGolden(actual: string, file: string) {
  const full = path.join(GOLDEN, file)
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(full, actual)
  expect(actual).toBe(fs.readFileSync(full, 'utf8'))
}

function reportOf(locale: Locale, options: WorkshopOptions = {}): Report {
  const doc = workshopDoc(options)
  return buildReport(readBoard(doc, locale), readReportFacts(doc, { seesHiddenAuthors: true }), {
    boardId: 'board-1',
    boardName: options.name ?? 'Planeringsdag',
    locale,
    generatedAt: WORKSHOP_TIME + 7_200_000,
  })
}

describe('the board report', () => {
  it('orders each area’s notes by votes, most first, and counts every note and vote', () => {
    const report = reportOf('sv')
    const besokare = report.steps[1].areas.find((a) => a.id === 'besokare')!
    expect(besokare.notes.map((n) => [n.text, n.votes])).toEqual([
      ['Läsfrämjande för de yngsta, 0–2 år', 3],
      ['Fler besökare på kvällstid', 1],
    ])
    expect(report.noteCount).toBe(WORKSHOP_NOTES.length)
    expect(report.voteCount).toBe(6)
    expect(report.unplaced.map((n) => n.text)).toEqual(['En lapp utanför områdena'])
  })

  it('keeps the read model’s order between notes with equal votes', () => {
    const ekonomi = reportOf('sv', { withVotes: false }).steps[1].areas.find((a) => a.id === 'ekonomi')!
    expect(ekonomi.notes.map((n) => n.text)).toEqual(['Sök EU-medel\nför meröppna filialer', '-5 % kostnader, +10 % öppettider'])
  })

  it('names no author on an anonymous board', () => {
    const report = reportOf('sv', { anonymous: true })
    const all = [...report.steps.flatMap((s) => s.areas.flatMap((a) => a.notes)), ...report.unplaced]
    expect(all.every((n) => n.author === null)).toBe(true)
    expect(reportToMarkdown(report)).not.toContain('Anna Lind')
    expect(reportToCsv(report)).not.toContain('Anna Lind')
    expect(reportToCsv(report).split('\r\n')[0]).not.toContain('Författare')
  })

  it('names authors the board hides only to facilitators', () => {
    const doc = workshopDoc()
    writeSession(doc, { showAuthors: false })
    const authors = (seesHiddenAuthors: boolean) => {
      const report = buildReport(readBoard(doc, 'sv'), readReportFacts(doc, { seesHiddenAuthors }), {
        boardId: 'board-1',
        boardName: 'Planeringsdag',
        locale: 'sv',
        generatedAt: WORKSHOP_TIME,
      })
      return {
        names: report.steps.flatMap((s) => s.areas.flatMap((a) => a.notes.map((n) => n.author))).filter(Boolean),
        csv: reportToCsv(report),
      }
    }
    expect(authors(true).names).toContain('Anna Lind')
    expect(authors(false).names).toEqual([])
    expect(authors(false).csv).not.toContain('Anna Lind')
    // Shown on the board, they are in everyone's report.
    writeSession(doc, { showAuthors: true })
    expect(authors(false).names).toContain('Anna Lind')
  })

  it('writes Swedish Markdown exactly as the golden file', () => {
    expectGolden(reportToMarkdown(reportOf('sv')), 'workshop.sv.md')
  })

  it('writes English Markdown exactly as the golden file', () => {
    expectGolden(reportToMarkdown(reportOf('en')), 'workshop.en.md')
  })

  it('writes CSV exactly as the golden file', () => {
    expectGolden(reportToCsv(reportOf('sv')), 'workshop.sv.csv')
  })

  it('starts the CSV with a byte-order mark and ends every row with CRLF', () => {
    const csv = reportToCsv(reportOf('sv'))
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv.endsWith('\r\n')).toBe(true)
    // Header plus one row per note; the two-line note stays inside its quoted cell.
    expect(csv.slice(1).split('\r\n').filter(Boolean)).toHaveLength(WORKSHOP_NOTES.length + 1)
  })

  it('separates CSV cells with semicolons when asked', () => {
    const header = reportToCsv(reportOf('sv'), { separator: ';' }).slice(1).split('\r\n')[0]
    expect(header).toBe('"Steg";"Perspektiv";"Område";"Text";"Författare";"Röster";"Skapad (UTC)";"Ändrad (UTC)"')
  })

  it('gives JSON that parses back to the same report, with a format name and version', () => {
    const report = reportOf('en')
    const parsed = JSON.parse(reportToJson(report))
    expect(parsed).toEqual(report)
    expect(parsed).toMatchObject({ format: 'strategitavlan-report', version: 1 })
  })
})
