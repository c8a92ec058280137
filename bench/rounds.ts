/**
 * A planning round of 40 branch boards × 200 notes (issue 18): how long the overview, the
 * roll-up and the round's CSV take on the server, with every board's document loaded from the
 * store (cold: no room open on this node, as on a node that has none of the boards) and with
 * the rooms already open (warm). Times go to bench/results.md (its rounds section).
 *
 * `npx tsx bench/rounds.ts [--boards=40] [--notes=200] [--postgres]` (PostgreSQL: the test
 * server at 127.0.0.1:5432, in a schema of its own that is dropped afterwards).
 */
import os from 'node:os'
import path from 'node:path'
import { isAreaShape } from '../lib/board/areaOfPoint'
import { boardDocId } from '../lib/board/docIds'
import { readRecords } from '../lib/board/docLayout'
import { noteMeta } from '../lib/board/noteMeta'
import { putNotes } from '../lib/board/noteRecord'
import { writeSession } from '../lib/board/session'
import { makeNoteShape } from '../lib/board/testing/makeNoteShape'
import { castVote } from '../lib/board/votes'
import { AREA_IDS } from '../lib/planning/planningModel'
import { createTestSchema, findTestPostgres } from '../tests/helpers/testPostgres'
import { startSyncHarness } from '../tests/helpers/syncHarness'
import { median, writeSection } from './resultsFile'

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const BOARDS = arg('boards', 40)
const NOTES = arg('notes', 200)
const RUNS = 5
const IDLE_UNLOAD_MS = 300
const RESULTS = path.join(import.meta.dirname, 'results.md')
/** Each store has a section of its own. */
const markers = (store: string) => ({ START: `<!-- rounds-bench-${store}:start -->`, END: `<!-- rounds-bench-${store}:end -->` })

const IDEAS = [
  'Längre öppettider på kvällar och helger',
  'Läxhjälp med volontärer för unga',
  'Sagostund för de minsta på lördagar',
  'Fler tysta läsplatser och studieplatser',
  'Meröppet med passerkort',
  'Samarbete med skolor kring läsfrämjande',
  'Språkcafé för nyanlända',
  'Digital hjälp för äldre',
]

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await work()
  return { ms: performance.now() - started, value }
}

async function main() {
  const postgres = process.argv.includes('--postgres')
  const overrides: Record<string, string> = { ROOM_IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS) }
  let dropSchema: (() => Promise<void>) | null = null
  if (postgres) {
    const found = await findTestPostgres()
    if (!found.ok) throw new Error(found.problem)
    const schema = await createTestSchema(found.url)
    overrides.DATABASE_URL = schema.url
    dropSchema = schema.drop
  }
  const loadBefore = os.loadavg()
  const h = await startSyncHarness(overrides)
  try {
    const lead = { id: h.userId, name: 'Test Facilitator' }
    const rounds = h.services.context.rounds
    const seedStarted = performance.now()
    const created = await rounds.create(lead, {
      name: 'Verksamhetsplan 2027',
      period: '2027',
      locale: 'sv',
      branches: Array.from({ length: BOARDS }, (_, i) => ({ name: `Filial ${String(i + 1).padStart(2, '0')}` })),
    })
    for (const [b, branch] of created.branches.entries()) {
      await h.services.context.sync.changeDoc(boardDocId(branch.boardId), (doc) => {
        const zones = new Map([...readRecords(doc).values()].filter(isAreaShape).map((z) => [z.props.areaId, z]))
        const notes = Array.from({ length: NOTES }, (_, n) => {
          const areaId = AREA_IDS[n % AREA_IDS.length]
          const zone = zones.get(areaId)!
          const k = Math.floor(n / AREA_IDS.length)
          const columns = Math.max(1, Math.floor((zone.props.w - 64) / 224))
          return makeNoteShape({
            id: `b${b}n${n}`,
            x: zone.x + 32 + (k % columns) * 224,
            y: zone.y + 206 + Math.floor(k / columns) * 224,
            text: `${IDEAS[(n + b) % IDEAS.length]} (${n})`,
            meta: noteMeta({ areaId, createdAt: 1_700_000_000_000 + n, createdBy: { id: `u${b}-${n % 12}`, name: `Deltagare ${n % 12}` } }),
          })
        })
        putNotes(doc, notes)
        const round = { id: 'r1', active: true, votesPerPerson: 5, areas: null, anonymous: false, startedAt: 0, endedAt: null }
        writeSession(doc, { voting: round })
        for (let v = 0; v < 60; v++)
          castVote(doc, round, { voterKey: `v${v % 12}`, voterName: null, noteId: `shape:b${b}n${(v * 7) % NOTES}`, delta: 1 })
      })
    }
    const seedMs = performance.now() - seedStarted

    const coldOverview: number[] = []
    const warmOverview: number[] = []
    const coldRollUp: number[] = []
    const warmRollUp: number[] = []
    const warmCsv: number[] = []
    let notesSeen = 0
    let groups = 0
    for (let run = 0; run < RUNS; run++) {
      // Cold: every room unloaded, so each board is read from the store.
      await sleep(IDLE_UNLOAD_MS * 3)
      if (h.services.sync.stats().rooms !== 0) throw new Error(`rooms still open: ${h.services.sync.stats().rooms}`)
      const cold = await timed(() => rounds.overview(lead, created.round.id))
      coldOverview.push(cold.ms)
      notesSeen = cold.value.boards.reduce((n, b) => n + b.notes, 0)
      warmOverview.push((await timed(() => rounds.overview(lead, created.round.id))).ms)
      const rolled = await timed(() => rounds.rollUp(lead, created.round.id))
      warmRollUp.push(rolled.ms)
      groups = rolled.value.areas.reduce((n, a) => n + a.groups.length, 0)
      warmCsv.push((await timed(() => rounds.exportCsv(lead, created.round.id))).ms)
      await sleep(IDLE_UNLOAD_MS * 3)
      coldRollUp.push((await timed(() => rounds.rollUp(lead, created.round.id))).ms)
    }
    if (notesSeen !== BOARDS * NOTES) throw new Error(`the overview counted ${notesSeen} notes, not ${BOARDS * NOTES}`)
    const ms = (values: number[]) =>
      `${Math.round(median(values))} ms (${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))})`
    const store = postgres ? 'PostgreSQL' : 'SQLite'
    const { START, END } = markers(postgres ? 'postgres' : 'sqlite')
    const block = [
      START,
      `## A planning round of ${BOARDS} boards × ${NOTES} notes, ${store} (issue 18)`,
      '',
      `\`npx tsx bench/rounds.ts${postgres ? ' --postgres' : ''}\` — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.platform()}, ${os.cpus().length} cores, ${store} store.`,
      `One round, a central board and ${BOARDS} branch boards of ${NOTES} notes each (${BOARDS * NOTES} in all, 60 votes per board), read`,
      'through the round service in the server process, as the API routes call it. *Cold*: no room open, every',
      'board loaded from the store (as on a node that has none of them open); *warm*: the rooms just opened.',
      `Median of ${RUNS} runs (min–max). Seeding the round took ${Math.round(seedMs)} ms. Load average (1/5/15 min)`,
      `${loadBefore.map((n) => n.toFixed(1)).join(' / ')} at the start and ${os
        .loadavg()
        .map((n) => n.toFixed(1))
        .join(' / ')} at the end: above 2 means other work shared the two cores.`,
      '',
      '| request | time |',
      '|---|---|',
      `| overview, cold | ${ms(coldOverview)} |`,
      `| overview, warm | ${ms(warmOverview)} |`,
      `| roll-up (${groups} groups), cold | ${ms(coldRollUp)} |`,
      `| roll-up, warm | ${ms(warmRollUp)} |`,
      `| round CSV (${BOARDS * NOTES} rows), warm | ${ms(warmCsv)} |`,
      END,
    ].join('\n')
    writeSection(RESULTS, START, END, block)
    console.log(block)
  } finally {
    await h.close()
    await dropSchema?.()
  }
}

await main()
