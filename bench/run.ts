/**
 * `npm run bench`: our sync server against the stock y-websocket 2.1.0 server, side by side in
 * one run on this machine, and two of our nodes through Redis; then a 2,000-note board's first
 * load. Writes bench/results.md.
 *
 * Each round runs every server at each room size with writers at a steady rate, then once
 * more at 200 clients with writers well past that rate (`--flood-writes-per-second`): how many
 * deliveries each server gets through when it cannot keep up.
 *
 * Options: `--rounds N` (default 3), `--sizes 50,200,500`, `--measure-ms 5000`, `--quick`
 * (one round, shorter windows: a smoke test), `--kinds stock,ours,ours-pg,ours2` (which servers;
 * all that can run here by default), `--no-flood` and `--no-board` (leave out the saturation
 * runs and the 2,000-note board), `--out FILE`. BENCH_SERVER_NODE_ARGS passes Node flags to the
 * servers (e.g. `--cpu-prof`).
 */
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { findBenchPostgres, startOurs, startStock, redisAvailable, type BenchServer, type ServerKind } from './benchServers'
import { runOnce, type RunResult, type RunSettings } from './fanoutRun'
import { boardWithNotes, measureOursLoad, measureStockLoad, type LoadResult } from './largeBoard'
import { writeReport } from './report'

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    sizes: { type: 'string', default: '50,200,500' },
    'measure-ms': { type: 'string', default: '4000' },
    'writes-per-second': { type: 'string', default: '100' },
    'flood-writes-per-second': { type: 'string', default: '400' },
    writers: { type: 'string', default: '20' },
    quick: { type: 'boolean', default: false },
    kinds: { type: 'string' },
    'no-flood': { type: 'boolean', default: false },
    'no-board': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(import.meta.dirname, 'results.md') },
  },
})

const quick = values.quick
const rounds = quick ? 1 : Number(values.rounds)
const sizes = values.sizes.split(',').map(Number)
const postgresUrl = await findBenchPostgres()
const redis = redisAvailable()
/** Each round runs these at every size; more than one node is measured as it is deployed, on PostgreSQL. */
const available: ServerKind[] = [
  'stock',
  'ours',
  ...(postgresUrl ? (['ours, PostgreSQL'] as const) : []),
  ...(redis ? [postgresUrl ? ('ours ×2, PostgreSQL' as const) : ('ours ×2, SQLite' as const)] : []),
]
const kindNames: Record<string, (kind: ServerKind) => boolean> = {
  stock: (kind) => kind === 'stock',
  ours: (kind) => kind === 'ours',
  'ours-pg': (kind) => kind === 'ours, PostgreSQL',
  ours2: (kind) => kind.startsWith('ours ×2'),
}
const kinds = values.kinds ? available.filter((kind) => values.kinds!.split(',').some((name) => kindNames[name]?.(kind))) : available
/** Past saturation, one of each: the stock server, one node and two. */
const floodKinds: ServerKind[] = values['no-flood'] ? [] : kinds.filter((kind) => kind !== 'ours, PostgreSQL')
const base: Omit<RunSettings, 'clients'> = {
  writers: Number(values.writers),
  writesPerSecond: Number(values['writes-per-second']),
  warmupMs: quick ? 1000 : 1500,
  measureMs: quick ? 2000 : Number(values['measure-ms']),
  drainMs: 1500,
}

async function start(kind: ServerKind, clients: number): Promise<BenchServer> {
  if (kind === 'stock') return startStock()
  const nodes = kind.startsWith('ours ×2') ? 2 : 1
  return startOurs({ clients, nodes, postgresUrl: kind.endsWith('PostgreSQL') ? postgresUrl! : undefined })
}

function log(message: string) {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`)
}

async function measure(kind: ServerKind, settings: RunSettings, label: string): Promise<RunResult> {
  const server = await start(kind, settings.clients)
  try {
    const result = await runOnce(server, settings)
    for (const [message, count] of server.warnings()) log(`  ${kind} logged ${count}× "${message}"`)
    log(
      `${label} ${kind.padEnd(7)} ${String(settings.clients).padStart(3)} clients, ${settings.writesPerSecond} writes/s: ` +
        `${Math.round(result.deliveriesPerSecond)} deliveries/s (${(100 * result.completeness).toFixed(1)} %), ` +
        `p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, server CPU ${Math.round(result.serverCpu)} %, ` +
        `peak RSS ${Math.round(result.peakRss)} MiB, client CPU ${Math.round(result.clientCpu)} %`,
    )
    return result
  } finally {
    await server.stop()
  }
}

async function main() {
  const started = Date.now()
  const loadBefore = os.loadavg()
  if (!redis) log('redis-server not found: the two-node runs are left out')
  if (!postgresUrl) log('no PostgreSQL answered: two nodes share one SQLite file instead')
  const runs: RunResult[] = []
  const floods: RunResult[] = []
  const flood = { ...base, clients: 200, writesPerSecond: Number(values['flood-writes-per-second']) }
  for (let round = 1; round <= rounds; round++) {
    // Alternate the order each round, so neither server always runs on a warmer machine.
    const order = round % 2 === 1 ? kinds : [...kinds].reverse()
    for (const clients of sizes) {
      for (const kind of order) runs.push(await measure(kind, { ...base, clients }, `round ${round}`))
    }
    for (const kind of order.filter((k) => floodKinds.includes(k))) floods.push(await measure(kind, flood, `round ${round} flood`))
  }

  const notes = 2000
  const state = boardWithNotes(notes)
  const repetitions = quick ? 1 : 3
  const loads: LoadResult[] = values['no-board']
    ? []
    : [...(await measureOursLoad(state, repetitions)), ...(await measureStockLoad(state, repetitions))]
  for (const load of loads) log(`${notes} notes, ${load.kind}: ${load.bytes} bytes in ${load.ms.toFixed(1)} ms`)

  await writeReport(values.out, {
    date: new Date(),
    machine: `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`,
    load: { before: loadBefore, after: os.loadavg() },
    rounds,
    settings: base,
    runs,
    floods,
    notes,
    stateBytes: state.byteLength,
    loads,
    seconds: (Date.now() - started) / 1000,
  })
  log(`wrote ${values.out} in ${Math.round((Date.now() - started) / 1000)} s`)
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
