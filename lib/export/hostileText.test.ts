/**
 * Note texts written to attack whoever opens an export: formulas for spreadsheets, markup for
 * browsers and Markdown renderers. Every format must carry them as inert text.
 */
import { describe, expect, it } from 'vitest'
import { readBoard } from '../board/readModel'
import { readReportFacts } from './boardFacts'
import { buildReport } from './report'
import { csvText, reportToCsv } from './reportCsv'
import { reportToJson } from './reportJson'
import { escapeMarkdownLine, reportToMarkdown } from './reportMarkdown'
import { WORKSHOP_TIME, workshopDoc } from './testing/workshopBoard'

const HOSTILE = [
  '=HYPERLINK("http://x","y")',
  '<script>alert(1)</script>',
  '</svg><img src=x onerror=alert(1)>',
  '+SUM(1,2)',
  '-2+3',
  '@cmd',
  '[klicka](javascript:alert(1))',
  '<!-- gömd -->',
]

function hostileReport() {
  const doc = workshopDoc({
    name: '<b>Tavla</b> =1+1',
    notes: HOSTILE.map((text, i) => ({ key: `h${i}`, text, areaId: 'ekonomi', author: '=Anna<script>', y: i })),
    withVotes: false,
  })
  return buildReport(readBoard(doc, 'sv'), readReportFacts(doc, { seesHiddenAuthors: true }), {
    boardId: 'b',
    boardName: '<b>Tavla</b> =1+1',
    locale: 'sv',
    generatedAt: WORKSHOP_TIME,
  })
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF rows) into rows of cells. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') ((cell += '"'), i++)
      else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') (row.push(cell), (cell = ''))
    else if (c === '\r' && csv[i + 1] === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''), i++)
    else cell += c
  }
  return rows
}

describe('hostile note texts', () => {
  it('start no CSV cell with a formula character, and keep the text after an apostrophe', () => {
    const rows = parseCsv(reportToCsv(hostileReport()).slice(1)).slice(1)
    const texts = rows.map((r) => r[3])
    expect(texts).toHaveLength(HOSTILE.length)
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    expect(texts).toContain(`'=HYPERLINK("http://x","y")`)
    expect(rows[0][4]).toBe("'=Anna<script>")
  })

  it('quote every text cell and double the quotes inside', () => {
    expect(csvText('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csvText('vanlig text')).toBe('"vanlig text"')
    // The read model trims a note's text, but a cell may still start with a tab or CR elsewhere.
    expect(csvText('\t=1+1')).toBe('"\'\t=1+1"')
    expect(csvText('\r=1+1')).toBe('"\'\r=1+1"')
  })

  it('leave no raw HTML in the Markdown, not even a comment', () => {
    const md = reportToMarkdown(hostileReport())
    expect(md).not.toContain('<')
    expect(md).not.toContain('>')
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(md).toContain('&lt;/svg&gt;')
    expect(md).toContain('# &lt;b&gt;Tavla&lt;/b&gt; =1+1')
  })

  it('cannot make a Markdown link, heading or list of a note', () => {
    expect(escapeMarkdownLine('[klicka](javascript:alert(1))')).toBe('\\[klicka\\](javascript:alert(1))')
    expect(escapeMarkdownLine('# rubrik')).toBe('\\# rubrik')
    expect(escapeMarkdownLine('- punkt')).toBe('\\- punkt')
    expect(escapeMarkdownLine('12. punkt')).toBe('12\\. punkt')
    expect(escapeMarkdownLine('=====')).toBe('\\=====')
  })

  it('stay data in the JSON: no markup characters in the bytes, the exact texts once parsed', () => {
    const json = reportToJson(hostileReport())
    expect(json).not.toMatch(/[<>&]/)
    const parsed = JSON.parse(json) as ReturnType<typeof hostileReport>
    const texts = parsed.steps.flatMap((s) => s.areas.flatMap((a) => a.notes.map((n) => n.text)))
    expect(texts.sort()).toEqual([...HOSTILE].sort())
  })
})
