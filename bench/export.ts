/**
 * Export of a 1,000-note board: the report (Markdown, CSV, JSON), the backup (write and the
 * import's checks), both in this process and over HTTP from the real server, and the whole
 * board as a PNG and an SVG in Chromium (with the progress bar's values seen meanwhile), and the PDF
 * as the dialog makes it. Times and memory go to bench/results.md (its export section).
 *
 * `npm run bench:export` (needs `npx next build`; `--no-browser` skips the app and Chromium).
 */
import fs from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { readBoardContent } from '../lib/board/boardContent'
import { isAreaShape } from '../lib/board/areaOfPoint'
import { createBoardDoc } from '../lib/board/createBoardDoc'
import { readRecords } from '../lib/board/docLayout'
import { putNotes, topIndexOf } from '../lib/board/noteRecord'
import { getIndexAbove } from '@tldraw/utils'
import { noteMeta } from '../lib/board/noteMeta'
import { readBoard } from '../lib/board/readModel'
import { writeSession } from '../lib/board/session'
import { castVote } from '../lib/board/votes'
import { makeNoteShape } from '../lib/board/testing/makeNoteShape'
import { createBackup, parseBackup, serializeBackup } from '../lib/export/backup'
import { readReportFacts } from '../lib/export/boardFacts'
import { buildReport } from '../lib/export/report'
import { reportToCsv } from '../lib/export/reportCsv'
import { reportToJson } from '../lib/export/reportJson'
import { reportToMarkdown } from '../lib/export/reportMarkdown'
import { AREA_IDS } from '../lib/planning/planningModel'
import { DEMO_PASSWORD, DEMO_USERS } from '../server/seed'
import { startAppServer } from '../tests/helpers/appServer'
import { launchBrowser, signedInRequest, signInByApi } from '../tests/helpers/browser'
import { median, writeSection } from './resultsFile'

const NOTES = Number(process.argv.find((a) => a.startsWith('--notes='))?.split('=')[1] ?? 1000)
const RUNS = 5
/** Pictures made one after another in the same page (`--picture-runs=N`). */
const RUNS_IN_PAGE = Number(process.argv.find((a) => a.startsWith('--picture-runs='))?.split('=')[1] ?? 3)
/** Where to keep the first PNG and SVG made (`--keep=DIR`), to look at them. */
const KEEP_DIR = process.argv.find((a) => a.startsWith('--keep='))?.split('=')[1]
const RESULTS = path.join(import.meta.dirname, 'results.md')
const START = '<!-- export-bench:start -->'
const END = '<!-- export-bench:end -->'

/** A workshop board: `count` notes in a grid inside (and below) their areas' zones, 300 votes. */
function bigBoard(count: number): Y.Doc {
  const doc = createBoardDoc({ name: 'Stor workshop', locale: 'sv', includeStarterNotes: false, now: 0 })
  const zones = new Map([...readRecords(doc).values()].filter(isAreaShape).map((z) => [z.props.areaId, z]))
  // Each note above the template's shapes, as a note added on the board lies: otherwise the
  // zones would cover most of them, on the canvas and in the picture.
  let index = topIndexOf(readRecords(doc).values())
  const notes = Array.from({ length: count }, (_, n) => {
    const areaId = AREA_IDS[n % AREA_IDS.length]
    const zone = zones.get(areaId)!
    const k = Math.floor(n / AREA_IDS.length)
    const columns = Math.max(1, Math.floor((zone.props.w - 64) / 224))
    index = getIndexAbove(index)
    const note = makeNoteShape({
      id: `n${n}`,
      x: zone.x + 32 + (k % columns) * 224,
      y: zone.y + 206 + Math.floor(k / columns) * 224,
      text: `Idé ${n}: fler öppettider på helgerna, en lugn läsplats för unga och "=SUMMA(A1)" <b>`,
      meta: noteMeta({ areaId, createdAt: 1_700_000_000_000 + n * 1000, createdBy: { id: `u${n % 40}`, name: `Deltagare ${n % 40}` } }),
    })
    return { ...note, index }
  })
  doc.transact(() => putNotes(doc, notes))
  const round = {
    id: 'r1',
    active: true,
    votesPerPerson: 10,
    areas: null,
    anonymous: false,
    hideTally: false,
    resultsShown: false,
    startedAt: 0,
    endedAt: null,
  }
  doc.transact(() => {
    for (let v = 0; v < 300; v++) {
      castVote(doc, round, { voterKey: `u${v % 30}`, voterName: `Deltagare ${v % 30}`, noteId: `shape:n${(v * 7) % count}`, delta: 1 })
    }
    writeSession(doc, { voting: { ...round, active: false, endedAt: 1 } })
  })
  return doc
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`

function measure<T>(run: () => T): { ms: number; heap: number; result: T } {
  const times: number[] = []
  let heap = 0
  let result!: T
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.()
    const before = process.memoryUsage().heapUsed
    const start = performance.now()
    result = run()
    times.push(performance.now() - start)
    heap = Math.max(heap, process.memoryUsage().heapUsed - before)
  }
  return { ms: median(times), heap, result }
}

function inProcess() {
  const doc = bigBoard(NOTES)
  const report = measure(() =>
    buildReport(readBoard(doc, 'sv'), readReportFacts(doc, { seesHiddenAuthors: true }), {
      boardId: 'b',
      boardName: 'Stor',
      locale: 'sv',
      generatedAt: 0,
    }),
  )
  const md = measure(() => reportToMarkdown(report.result))
  const csv = measure(() => reportToCsv(report.result))
  const json = measure(() => reportToJson(report.result))
  const backup = measure(() => serializeBackup(createBackup(readBoardContent(doc), { name: 'Stor', locale: 'sv' }, 0)))
  const check = measure(() => parseBackup(backup.result))
  if (!check.result.ok) throw new Error(`the bench's own backup was refused: ${check.result.detail}`)
  return {
    backupText: backup.result,
    rows: [
      ['read model + votes → report', ms(report.ms), mb(report.heap), '—'],
      ['report → Markdown', ms(md.ms), mb(md.heap), mb(Buffer.byteLength(md.result))],
      ['report → CSV', ms(csv.ms), mb(csv.heap), mb(Buffer.byteLength(csv.result))],
      ['report → JSON', ms(json.ms), mb(json.heap), mb(Buffer.byteLength(json.result))],
      ['backup written', ms(backup.ms), mb(backup.heap), mb(Buffer.byteLength(backup.result))],
      ['backup checked for import (zod + tldraw schema)', ms(check.ms), mb(check.heap), '—'],
    ],
  }
}

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024

async function overHttpAndBrowser(backupText: string): Promise<string[][]> {
  const server = await startAppServer({ SNAPSHOT_INTERVAL_MINUTES: '0' })
  const rows: string[][] = []
  try {
    const api = await signedInRequest(server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
    let start = performance.now()
    const imported = await api.post('/api/boards/import', {
      headers: { 'content-type': 'application/json' },
      data: Buffer.from(backupText),
    })
    if (imported.status() !== 201) throw new Error(`import failed: ${await imported.text()}`)
    rows.push(['import over HTTP (board created)', ms(performance.now() - start), '—', mb(Buffer.byteLength(backupText))])
    const { id } = (await imported.json()) as { id: string }
    for (const file of ['export.md', 'export.csv', 'export.json', 'export.pdf', 'backup.json']) {
      const times: number[] = []
      let peak = 0
      for (let i = 0; i < RUNS; i++) {
        start = performance.now()
        const response = await api.get(`/api/boards/${id}/${file}`)
        await response.body()
        times.push(performance.now() - start)
        peak = Math.max(peak, rssOf(server.child.pid!))
      }
      rows.push([`GET ${file} (server RSS after)`, ms(median(times)), mb(peak), '—'])
    }
    await api.dispose()

    const browser = await launchBrowser()
    try {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true })
      await signInByApi(context, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
      const page = await context.newPage()
      const cdp = await context.newCDPSession(page)
      await cdp.send('Performance.enable')
      // The page's process: its resident memory holds the canvas's pixels, which the JS heap does not.
      const browserCdp = await browser.newBrowserCDPSession()
      const renderers = async () => {
        const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] }
        return processInfo.filter((p) => p.type === 'renderer').map((p) => p.id)
      }
      const rendererRss = async () => {
        let largest = 0
        for (const pid of await renderers()) {
          try {
            largest = Math.max(largest, rssOf(pid))
          } catch {
            // A renderer that has gone since it was listed.
          }
        }
        return largest
      }
      const heap = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics')
        return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value
      }
      start = performance.now()
      await page.goto(`${server.url}/boards/${id}`)
      await page.locator('.connection[data-state="connected"]').waitFor({ timeout: 120_000 })
      await page.locator('.tl-shape[data-shape-type="note"]').first().waitFor({ state: 'attached', timeout: 120_000 })
      rows.push(['board open in Chromium (notes in the page)', ms(performance.now() - start), mb(await heap()), '—'])
      for (const format of ['png', 'svg'] as const) {
        // Each picture RUNS_IN_PAGE times in the same page: the first is cold (code, fonts), the
        // median is what the table shows.
        const runs: {
          ms: number
          peak: number
          before: number
          rssPeak: number
          rssBefore: number
          values: number
          bytes: number
          dims: string
        }[] = []
        for (let run = 0; run < RUNS_IN_PAGE; run++) {
          await page.getByRole('button', { name: 'Exportera' }).click()
          const dialog = page.getByRole('dialog', { name: 'Exportera tavlan' })
          await dialog.getByLabel('Hela tavlan').check()
          await dialog.getByLabel('Format').selectOption(format)
          const before = await heap()
          const rssBefore = await rendererRss()
          let peak = before
          let rssPeak = rssBefore
          const sampler = setInterval(() => {
            void heap().then(
              (h) => (peak = Math.max(peak, h)),
              () => undefined,
            )
            void rendererRss().then(
              (r) => (rssPeak = Math.max(rssPeak, r)),
              () => undefined,
            )
          }, 100)
          // The progress bar's values as the page shows them, read while the export runs.
          const seen = new Set<string>()
          let watching = true
          const watcher = (async () => {
            while (watching) {
              const value = await dialog
                .locator('progress')
                .getAttribute('value', { timeout: 50 })
                .catch(() => null)
              if (value !== null) seen.add(value)
              await new Promise((resolve) => setTimeout(resolve, 50))
            }
          })()
          start = performance.now()
          const [download] = await Promise.all([
            page.waitForEvent('download', { timeout: 300_000 }),
            dialog.getByRole('button', { name: 'Ladda ned' }).click(),
          ])
          const bytes = fs.readFileSync((await download.path())!)
          const took = performance.now() - start
          clearInterval(sampler)
          watching = false
          await watcher
          if (KEEP_DIR && run === 0) fs.writeFileSync(path.join(KEEP_DIR, `board.${format}`), bytes)
          const done = dialog.locator('[data-export-status="done"] [data-width]')
          const dims = `${await done.getAttribute('data-width')} × ${await done.getAttribute('data-height')} ${format === 'png' ? 'px' : 'units'}`
          runs.push({ ms: took, peak, before, rssPeak, rssBefore, values: seen.size, bytes: bytes.length, dims })
          await dialog.getByRole('button', { name: 'Stäng' }).click()
        }
        const last = runs.at(-1)!
        const peak = Math.max(...runs.map((r) => r.peak))
        const growth = Math.max(...runs.map((r) => r.peak - r.before))
        const pixels =
          format === 'png'
            ? last.dims
                .split(' ')
                .filter((p) => /^\d+$/.test(p))
                .map(Number)
            : []
        const canvas = pixels.length === 2 ? `; canvas ${mb(pixels[0] * pixels[1] * 4)}` : ''
        const rss = `; page process resident ${mb(Math.max(...runs.map((r) => r.rssPeak)))} at most, ${mb(runs[0].rssBefore)} before`
        rows.push([
          `whole board → ${format.toUpperCase()} in Chromium (${last.dims}; JS heap peak, +${mb(growth)}${canvas}${rss}; ${Math.min(...runs.map((r) => r.values))}–${Math.max(...runs.map((r) => r.values))} progress values seen; runs ${runs.map((r) => (r.ms / 1000).toFixed(2)).join(', ')} s, the first cold)`,
          ms(median(runs.map((r) => r.ms))),
          mb(peak),
          mb(last.bytes),
        ])
      }
      // The PDF as the dialog makes it: the browser's picture of the map, then the server's
      // report with it.
      const pdfRuns: { total: number; server: number; size: number; picture: number; rss: number }[] = []
      for (let run = 0; run < RUNS_IN_PAGE; run++) {
        await page.getByRole('button', { name: 'Exportera' }).click()
        const dialog = page.getByRole('dialog', { name: 'Exportera tavlan' })
        await dialog.getByLabel('Format').selectOption('pdf')
        const posted = page.waitForResponse((r) => r.url().includes('/export.pdf') && r.request().method() === 'POST', { timeout: 300_000 })
        start = performance.now()
        const [pdfDownload] = await Promise.all([
          page.waitForEvent('download', { timeout: 300_000 }),
          dialog.getByRole('button', { name: 'Ladda ned' }).click(),
        ])
        const size = fs.statSync((await pdfDownload.path())!).size
        const total = performance.now() - start
        // The server's part of it: from the request sent to the answer's first byte.
        const timing = (await posted).request().timing()
        const picture = Number((await (await posted).request().allHeaders())['content-length'] ?? 0)
        pdfRuns.push({ total, server: timing.responseStart - timing.requestStart, size, picture, rss: rssOf(server.child.pid!) })
        await dialog.getByRole('button', { name: 'Stäng' }).click()
      }
      const lastPdf = pdfRuns.at(-1)!
      rows.push([
        `whole board → PDF from the dialog (picture in Chromium + server; runs ${pdfRuns.map((r) => (r.total / 1000).toFixed(2)).join(', ')} s)`,
        ms(median(pdfRuns.map((r) => r.total))),
        '—',
        mb(lastPdf.size),
      ])
      rows.push([
        `POST export.pdf from the dialog, the server's part (server RSS after; runs ${pdfRuns.map((r) => r.server.toFixed(0)).join(', ')} ms)`,
        ms(median(pdfRuns.map((r) => r.server))),
        mb(Math.max(...pdfRuns.map((r) => r.rss))),
        lastPdf.picture ? mb(lastPdf.picture) : '—',
      ])
    } finally {
      await browser.close()
    }
  } finally {
    await server.stop()
  }
  return rows
}

function writeResults(rows: string[][]) {
  const table = [
    '| step | time (median of 5, pictures of 3, where repeated) | memory | size |',
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n')
  const section = [
    START,
    `## Export of a ${NOTES.toLocaleString('en')}-note board (issue 5)`,
    '',
    `\`npm run bench:export\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${process.platform}, 2 cores.`,
    'In-process memory is the largest growth of the V8 heap over one run (no forced GC unless run',
    "with `--expose-gc`); the server row is the app process's resident memory after the requests;",
    "Chromium rows are the page's JS heap from the DevTools protocol.",
    '',
    table,
    END,
  ].join('\n')
  writeSection(RESULTS, START, END, section)
  console.log(section)
}

const local = inProcess()
const remote = process.argv.includes('--no-browser') ? [] : await overHttpAndBrowser(local.backupText)
writeResults([...local.rows, ...remote])
