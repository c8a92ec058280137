/**
 * A 1,000-note board on the canvas (issue 15's targets): panning and zooming keep ≥ 50 frames/s
 * in headless Chromium, and a remote edit appears in < 100 ms.
 *
 * - **Frames**: the board opened at 1366×768 as its facilitator, fit to screen; the camera is
 *   moved by the mouse wheel (panning) and by Ctrl + wheel (zooming) for PHASE_MS each, as fast as
 *   Chromium takes the events. Frames are counted in the page with `requestAnimationFrame`;
 *   frames/s = frames ÷ seconds, and the 95th-percentile frame time. Once at fit (most notes small,
 *   the map labels drawn) and once at 100 % (a few notes large, text drawn).
 * - **Remote edit**: another device (a y-websocket client in this process, with the facilitator's
 *   room token) rewrites one note's text; the time from its write to the new text in the page's DOM,
 *   read by a MutationObserver in the page. Both clocks are this machine's (`Date.now()`).
 *
 * - **Bare**: the same camera moves on the bare tldraw page of bench/open.ts (bench/barePage.ts)
 *   with the same number of notes, alternating with ours: what is tldraw's and what is ours.
 *
 * `npm run bench:canvas` (needs `npx next build`). Medians of RUNS.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import * as Y from 'yjs'
import { DEMO_PASSWORD, DEMO_USERS } from '../server/seed'
import { startAppServer, type AppServer } from '../tests/helpers/appServer'
import { launchBrowser, signedInRequest, signInByApi } from '../tests/helpers/browser'
import { importWorkshop, workshopNotes } from '../tests/helpers/importWorkshop'
import { connectClient } from '../tests/helpers/syncHarness'
import { putNote } from '../tests/helpers/boardNotes'
import { readRecords } from '../lib/board/docLayout'
import type { TLNoteShape } from '@tldraw/tlschema'
import { richTextFromPlainText } from '../lib/board/richText'
import { buildBarePage, removeBarePage, serveBare } from './barePage'
import { median, writeSection } from './resultsFile'

const NOTES = Number(process.env.CANVAS_NOTES ?? 1000)
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 3)
const PHASE_MS = 3000
const EDITS = 15
const VIEWPORT = { width: 1366, height: 768 }
const RESULTS = path.join(import.meta.dirname, 'results.md')
const START = '<!-- canvas-bench:start -->'
const END = '<!-- canvas-bench:end -->'

interface Frames {
  fps: number
  p95: number
  /** The share of frames in which the camera had moved (proof that it moved at all). */
  moving: number
}

/** Frames in the page while `move` runs for PHASE_MS. */
async function framesWhile(page: Page, move: () => Promise<void>): Promise<Frames> {
  // As source text: tsx names the page's functions with a helper the page does not have.
  await page.evaluate(`(() => {
    window.__frames = []
    window.__moved = 0
    window.__stop = false
    const layer = document.querySelector('.tl-html-layer.tl-shapes')
    let last = layer.style.transform
    const tick = (t) => {
      window.__frames.push(t)
      if (layer.style.transform !== last) window.__moved++
      last = layer.style.transform
      if (!window.__stop) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
  const until = Date.now() + PHASE_MS
  while (Date.now() < until) await move()
  const { frames, moved } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __moved: number; __stop: boolean }
    w.__stop = true
    return { frames: w.__frames, moved: w.__moved }
  })
  const gaps = frames
    .slice(1)
    .map((t, i) => t - frames[i])
    .sort((a, b) => a - b)
  const seconds = (frames.at(-1)! - frames[0]) / 1000
  return { fps: (frames.length - 1) / seconds, p95: gaps[Math.floor(gaps.length * 0.95)], moving: moved / frames.length }
}

async function pan(page: Page): Promise<Frames> {
  let direction = 1
  let steps = 0
  return framesWhile(page, async () => {
    if (++steps % 20 === 0) direction = -direction
    await page.mouse.wheel(60 * direction, 30 * direction)
  })
}

async function zoom(page: Page): Promise<Frames> {
  let direction = 1
  let steps = 0
  await page.keyboard.down('Control')
  try {
    return await framesWhile(page, async () => {
      if (++steps % 10 === 0) direction = -direction
      await page.mouse.wheel(0, 40 * direction)
    })
  } finally {
    await page.keyboard.up('Control')
  }
}

/** Milliseconds from a remote client's write of a note's text to that text in the page. */
async function remoteEdits(page: Page, app: AppServer, boardId: string): Promise<number[]> {
  // The board's facilitator on another device (the imported board has no other member).
  const api = await signedInRequest(app.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  const ticket = await api.post(`/api/boards/${boardId}/token`, { headers: { origin: app.url } })
  if (!ticket.ok()) throw new Error(`No room token: ${ticket.status()} ${await ticket.text()}`)
  const { token, url } = (await ticket.json()) as { token: string; url: string }
  await api.dispose()
  const client = connectClient(url, boardId, token, new Y.Doc())
  try {
    await client.synced
    const notes = [...readRecords(client.doc).values()].filter((r): r is TLNoteShape => r.typeName === 'shape' && r.type === 'note')
    const latencies: number[] = []
    for (let i = 0; i < EDITS; i++) {
      const note = notes[(i * 37) % notes.length]
      const text = `Ändrad på distans ${i} ${Date.now()}`
      const seen = page.evaluate(`new Promise((resolve) => {
        const wanted = ${JSON.stringify(text)}
        const found = () => [...document.querySelectorAll('.tl-shape[data-shape-type="note"]')].some((el) => el.textContent.includes(wanted))
        if (found()) return resolve(Date.now())
        const observer = new MutationObserver(() => {
          if (found()) {
            observer.disconnect()
            resolve(Date.now())
          }
        })
        observer.observe(document.body, { subtree: true, childList: true, characterData: true })
      })`) as Promise<number>
      // The observer is in place before the write.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)))
      const sent = Date.now()
      putNote(client.doc, { ...note, props: { ...note.props, richText: richTextFromPlainText(text) } })
      latencies.push((await seen) - sent)
      await page.waitForTimeout(200)
    }
    return latencies
  } finally {
    client.destroy()
  }
}

interface CameraRun {
  panFit: Frames
  zoomFit: Frames
  pan100: Frames
}

/** The three camera phases on an open page; `fit` brings the whole board into view. */
async function cameraPhases(page: Page, fit: () => Promise<void>): Promise<CameraRun> {
  /** From the whole board in view, the canvas focused (it takes the wheel then), nothing selected. */
  const atFit = async (measure: () => Promise<Frames>) => {
    await fit()
    await page.waitForTimeout(500)
    await page.locator('.tl-canvas').click({ position: { x: 683, y: 420 } })
    await page.keyboard.press('Escape')
    await page.mouse.move(683, 420)
    return measure()
  }
  // What the page does once after opening (fonts, the device's copy, the map labels) is not
  // the camera's: wait it out, and pan once before counting.
  await page.waitForTimeout(2000)
  await atFit(() => pan(page))
  const panFit = await atFit(() => pan(page))
  const zoomFit = await atFit(() => zoom(page))
  await page.keyboard.press('Shift+0')
  await page.waitForTimeout(500)
  const pan100 = await pan(page)
  await fit()
  return { panFit, zoomFit, pan100 }
}

const waitForNotes = (page: Page) =>
  page.waitForFunction((n) => document.querySelectorAll('.tl-shape[data-shape-type="note"]').length >= n, NOTES, { timeout: 120_000 })

async function main() {
  const bare = await serveBare(await buildBarePage())
  let app: AppServer | null = null
  const browser = await launchBrowser()
  const runs: (CameraRun & { edits: number[] })[] = []
  const bareRuns: CameraRun[] = []
  try {
    app = await startAppServer({ SNAPSHOT_INTERVAL_MINUTES: '0' })
    const api = await signedInRequest(app.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
    const boardId = await importWorkshop(api, app.url, { name: `Duk ${NOTES}`, notes: workshopNotes(NOTES) })
    await api.dispose()
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: VIEWPORT })
      await signInByApi(context, app.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
      const page = await context.newPage()
      await page.goto(`${app.url}/boards/${boardId}`)
      await waitForNotes(page)
      await page.locator('.connection[data-state="connected"]').waitFor()
      const camera = await cameraPhases(page, () => page.getByRole('button', { name: 'Visa hela tavlan' }).click())
      // The edits are timed on a page at rest: right after the last phase the camera is still
      // gliding to the whole board, and the first edit waited ~250 ms behind those frames
      // where a second client's first edit, later, took ~30 ms.
      await page.waitForTimeout(1500)
      const edits = await remoteEdits(page, app, boardId)
      runs.push({ ...camera, edits })
      console.log(`ours, run ${run + 1}:`, JSON.stringify(runs.at(-1)))
      await context.close()

      const bareContext = await browser.newContext({ viewport: VIEWPORT })
      const barePage = await bareContext.newPage()
      await barePage.goto(`${bare.url}/?notes=${NOTES}`)
      await waitForNotes(barePage)
      bareRuns.push(await cameraPhases(barePage, () => barePage.keyboard.press('Shift+1')))
      console.log(`bare, run ${run + 1}:`, JSON.stringify(bareRuns.at(-1)))
      await bareContext.close()
    }
  } finally {
    await browser.close()
    await app?.stop()
    await bare.close()
    removeBarePage()
  }
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ')
  const row = (label: string, pick: (r: CameraRun) => Frames) => {
    const fps = median(runs.map((r) => pick(r).fps))
    const p95 = median(runs.map((r) => pick(r).p95))
    const moving = median(runs.map((r) => pick(r).moving))
    const bareFps = median(bareRuns.map((r) => pick(r).fps))
    return `| ${label} | ${fps.toFixed(1)} | ${p95.toFixed(1)} | ${Math.round(moving * 100)} % | ${bareFps.toFixed(1)} | ×${(fps / bareFps).toFixed(2)} | ${fps >= 50 ? 'met' : 'not met'} |`
  }
  const edits = runs.flatMap((r) => r.edits).sort((a, b) => a - b)
  const editMedian = median(edits)
  const editP95 = edits[Math.floor(edits.length * 0.95)]
  writeSection(
    RESULTS,
    START,
    END,
    [
      START,
      `## The canvas with ${NOTES} notes (issue 15)`,
      '',
      `\`npm run bench:canvas\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, headless Chromium at ${VIEWPORT.width}×${VIEWPORT.height} (software rendering), 2 cores, load average after the run ${load}.`,
      `Camera moved by the mouse wheel for ${PHASE_MS / 1000} s a phase, frames counted with \`requestAnimationFrame\`; medians of ${RUNS} runs, ours and the bare tldraw page of \`bench/open.ts\` (the same notes in a grid) alternating. Target: ≥ 50 frames/s.`,
      '',
      '| camera | ours: frames/s | ours: p95 frame (ms) | ours: frames with the camera moved | bare tldraw: frames/s | ours ÷ bare | target |',
      '|---|---|---|---|---|---|---|',
      row('panning at fit', (r) => r.panFit),
      row('zooming from fit', (r) => r.zoomFit),
      row('panning at 100 %', (r) => r.pan100),
      '',
      `A remote edit (another device's client rewrites a note's text) to the text in the page: median ${Math.round(editMedian)} ms, p95 ${Math.round(editP95)} ms over ${edits.length} edits (target < 100 ms: ${editP95 < 100 ? 'met' : editMedian < 100 ? 'met at the median, not at p95' : 'not met'}).`,
      END,
    ].join('\n'),
  )
}

await main()
