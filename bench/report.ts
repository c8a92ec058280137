/**
 * The sync benchmark's part of bench/results.md: medians per server and room size, the
 * issue's targets checked against them, and every run. Only the text between the
 * `sync-bench` markers is replaced; the rest of the file (other benchmarks, and the notes in
 * which a person explains these figures) is kept as it is.
 */
import type { RunResult, RunSettings } from './fanoutRun'
import type { LoadResult } from './largeBoard'
import { writeSection } from './resultsFile'

export interface Report {
  date: Date
  machine: string
  /** The machine's load averages (1, 5, 15 min) when the benchmark began and ended. */
  load: { before: number[]; after: number[] }
  rounds: number
  settings: Omit<RunSettings, 'clients'>
  runs: RunResult[]
  /** Runs at 200 clients with writers past what a server keeps up with. */
  floods: RunResult[]
  notes: number
  stateBytes: number
  loads: LoadResult[]
  seconds: number
}

const START = '<!-- sync-bench:start -->'
const END = '<!-- sync-bench:end -->'

function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const fixed = (value: number, digits = 1) => (Number.isNaN(value) ? '–' : value.toFixed(digits))
const whole = (value: number) => (Number.isNaN(value) ? '–' : Math.round(value).toLocaleString('en-US'))

type Summary = Record<'deliveriesPerSecond' | 'completeness' | 'p50' | 'p99' | 'serverCpu' | 'peakRss' | 'clientCpu', number>

function summarize(runs: RunResult[]): Summary {
  const of = (key: keyof Summary) => median(runs.map((run) => run[key]))
  return {
    deliveriesPerSecond: of('deliveriesPerSecond'),
    completeness: of('completeness'),
    p50: of('p50'),
    p99: of('p99'),
    serverCpu: of('serverCpu'),
    peakRss: of('peakRss'),
    clientCpu: of('clientCpu'),
  }
}

function verdict(ok: boolean | null): string {
  if (ok === null) return 'not measured'
  return ok ? '**met**' : '**missed**'
}

export async function writeReport(file: string, report: Report): Promise<void> {
  const kinds = [...new Set(report.runs.map((run) => run.kind))]
  const sizes = [...new Set(report.runs.map((run) => run.clients))].sort((a, b) => a - b)
  const summary = new Map<string, Summary>()
  for (const kind of kinds) {
    for (const clients of sizes) {
      const runs = report.runs.filter((run) => run.kind === kind && run.clients === clients)
      if (runs.length > 0) summary.set(`${kind}/${clients}`, summarize(runs))
    }
  }
  const at = (kind: string, clients: number) => summary.get(`${kind}/${clients}`)

  const { settings } = report
  const lines: string[] = [
    START,
    '## Sync server: ours against the stock y-websocket server (issue 6)',
    '',
    `Run ${report.date.toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench\` (${Math.round(report.seconds)} s).`,
    `Machine: ${report.machine}. Load average (1/5/15 min) ${report.load.before.map((l) => l.toFixed(1)).join(' / ')} at the`,
    `start and ${report.load.after.map((l) => l.toFixed(1)).join(' / ')} at the end: above 2 means other work shared the two cores.`,
    '',
    '### Method',
    '',
    '- One room on loopback. Headless clients speak the y-websocket protocol on raw `ws` sockets in the',
    '  benchmark process (no Y.Doc each; the server under test is a separate process).',
    `- ${settings.writers} of the clients write, ${settings.writesPerSecond} updates/s in all, each its own note record (about`,
    '  700 bytes) rewritten with its send time in the text. Deliveries are counted per receiving client,',
    '  the writer itself excluded; latency is receive time minus send time, both read from one clock.',
    `- Each run: connect every client and wait for its first sync, ${settings.warmupMs / 1000} s warm-up,`,
    `  ${settings.measureMs / 1000} s measured (updates sent in the window, each followed until ${settings.drainMs / 1000} s after it), then stop.`,
    '  Server CPU is user + system time of its processes over the window (from /proc), in % of one core',
    '  (our node processes only: not PostgreSQL, not Redis);',
    '  peak RSS is VmHWM at the end. Client CPU is the benchmark process itself: near 100 % means the clients,',
    '  not the server, were the limit.',
    `- ${report.rounds} rounds; each round runs every configuration, alternating the order. Figures are medians over rounds.`,
    '- **stock**: y-websocket 2.1.0 `bin/server.cjs` as shipped — no auth, no persistence, no limits.',
    '- **ours**: the sync-only node as deployed (`node dist/sync-node.mjs`, compiled) — room token checked at the upgrade and access',
    '  re-checked every 2 s for each of the distinct participants, every update appended to SQLite',
    '  (WAL, `synchronous = FULL`) right after it is forwarded, default per-socket limits.',
    '- **ours, PostgreSQL**: the same on a fresh schema of the local PostgreSQL 15 (each append one committed',
    '  transaction, `synchronous_commit = on`) instead of SQLite.',
    '- **ours ×2, PostgreSQL**: two such nodes on that schema and a Redis of their own, as more than one node',
    '  is deployed; clients and writers alternate between the nodes, so half of all deliveries cross through',
    '  Redis. (**ours ×2, SQLite**, two nodes on one SQLite file, stands in when no PostgreSQL answers.)',
    '',
    '### Results (medians)',
    '',
    '| server | clients | deliveries/s | delivered | p50 ms | p99 ms | server CPU % | peak RSS MiB | client CPU % |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const clients of sizes) {
    for (const kind of kinds) {
      const s = at(kind, clients)
      if (!s) continue
      lines.push(
        `| ${kind} | ${clients} | ${whole(s.deliveriesPerSecond)} | ${fixed(100 * s.completeness)} % | ${fixed(s.p50)} | ${fixed(s.p99)} | ${whole(s.serverCpu)} | ${whole(s.peakRss)} | ${whole(s.clientCpu)} |`,
      )
    }
  }

  const ours200 = at('ours', 200)
  const stock200 = at('stock', 200)
  const ours500 = at('ours', 500)
  lines.push('', '### Targets', '', '| target | figure | verdict |', '|---|---|---|')
  if (ours200 && stock200) {
    const ratio = ours200.deliveriesPerSecond / stock200.deliveriesPerSecond
    lines.push(
      `| 200 clients: at least the stock server's deliveries/s | ours ${whole(ours200.deliveriesPerSecond)} vs stock ${whole(stock200.deliveriesPerSecond)} (×${fixed(ratio, 2)}) | ${verdict(ratio >= 0.99)} |`,
    )
    lines.push(
      `| 200 clients: p99 no worse than the stock server's | ours ${fixed(ours200.p99)} ms vs stock ${fixed(stock200.p99)} ms (×${fixed(ours200.p99 / stock200.p99, 2)}) | ${verdict(ours200.p99 <= stock200.p99)} |`,
    )
  }
  if (report.floods.some((run) => run.kind === 'stock') && report.floods.some((run) => run.kind === 'ours')) {
    const ours = summarize(report.floods.filter((run) => run.kind === 'ours')).deliveriesPerSecond
    const stock = summarize(report.floods.filter((run) => run.kind === 'stock')).deliveriesPerSecond
    lines.push(
      `| 200 clients past saturation: at least the stock server's deliveries/s | ours ${whole(ours)} vs stock ${whole(stock)} (×${fixed(ours / stock, 2)}) | ${verdict(ours >= stock * 0.99)} |`,
    )
  }
  if (ours500) lines.push(`| 500 clients: p99 under 50 ms | ours ${fixed(ours500.p99)} ms | ${verdict(ours500.p99 < 50)} |`)
  const pg500 = at('ours, PostgreSQL', 500)
  if (pg500) lines.push(`| 500 clients, PostgreSQL: p99 under 50 ms | ${fixed(pg500.p99)} ms | ${verdict(pg500.p99 < 50)} |`)
  for (const clients of sizes) {
    const sqlite = at('ours', clients)
    const postgres = at('ours, PostgreSQL', clients)
    if (!sqlite || !postgres) continue
    const ratio = postgres.p99 / sqlite.p99
    lines.push(
      `| ${clients} clients: PostgreSQL p99 within 1.5× SQLite's | ${fixed(postgres.p99)} ms vs ${fixed(sqlite.p99)} ms (×${fixed(ratio, 2)}) | ${verdict(ratio <= 1.5)} |`,
    )
  }
  {
    // The sync-only process against the stock server, each at its largest in the run.
    const peak = (kind: string) => Math.max(...report.runs.filter((run) => run.kind === kind).map((run) => run.peakRss))
    const [ours, stock] = [peak('ours'), peak('stock')]
    if (Number.isFinite(ours) && Number.isFinite(stock)) {
      lines.push(
        `| peak RSS of the sync-only process within 2× the stock server's | ${whole(ours)} MiB vs ${whole(stock)} MiB (×${fixed(ours / stock, 2)}) | ${verdict(ours <= 2 * stock)} |`,
      )
    }
  }
  for (const clients of sizes) {
    // Against one node on the same store.
    const [one, two] = at('ours, PostgreSQL', clients)
      ? [at('ours, PostgreSQL', clients), at('ours ×2, PostgreSQL', clients)]
      : [at('ours', clients), at('ours ×2, SQLite', clients)]
    if (!one || !two) continue
    const ratio = two.p99 / one.p99
    lines.push(
      `| ${clients} clients: two nodes via Redis within 2× single-node p99 | ${fixed(two.p99)} ms vs ${fixed(one.p99)} ms (×${fixed(ratio, 2)}) | ${verdict(ratio <= 2)} |`,
    )
  }

  const floodKinds = [...new Set(report.floods.map((run) => run.kind))]
  const floodOf = (kind: string) => summarize(report.floods.filter((run) => run.kind === kind))
  if (report.floods.length > 0) {
    const offered = median(report.floods.map((run) => run.writesPerSecond))
    lines.push(
      '',
      '### Past saturation',
      '',
      `200 clients, writers at ${whole(offered)} updates/s (${whole(offered * 199)} deliveries/s owed): what each server gets`,
      `through. Only deliveries arriving within ${settings.drainMs / 1000} s of the window's end count. The clients share the`,
      'machine, so this is the capacity of the whole loopback set-up, server and clients together.',
      '',
      '| server | deliveries/s | delivered | p50 ms | p99 ms | server CPU % | client CPU % |',
      '|---|---:|---:|---:|---:|---:|---:|',
    )
    for (const kind of floodKinds) {
      const f = floodOf(kind)
      lines.push(
        `| ${kind} | ${whole(f.deliveriesPerSecond)} | ${fixed(100 * f.completeness)} % | ${fixed(f.p50)} | ${fixed(f.p99)} | ${whole(f.serverCpu)} | ${whole(f.clientCpu)} |`,
      )
    }
  }

  if (report.loads.length > 0)
    lines.push(
      '',
      `### A ${report.notes.toLocaleString('en-US')}-note board`,
      '',
      `The document is ${whole(report.stateBytes)} bytes as one Yjs update. Time from the socket's open to the whole`,
      'document received (medians). *Cold*: the room is not in memory and loads from the store for this client;',
      '*warm*: it is loaded already. The stock server keeps nothing, so a client first hands it the board.',
      '',
      '| server | first sync bytes | time to load ms |',
      '|---|---:|---:|',
    )
  for (const kind of [...new Set(report.loads.map((load) => load.kind))]) {
    const loads = report.loads.filter((load) => load.kind === kind)
    lines.push(`| ${kind} | ${whole(median(loads.map((l) => l.bytes)))} | ${fixed(median(loads.map((l) => l.ms)))} |`)
  }

  lines.push(
    '',
    '### Every run',
    '',
    '| server | clients | writes/s | deliveries/s | delivered | p50 ms | p99 ms | server CPU % | client CPU % |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  )
  for (const run of [...report.runs, ...report.floods]) {
    lines.push(
      `| ${run.kind} | ${run.clients} | ${whole(run.writesPerSecond)} | ${whole(run.deliveriesPerSecond)} | ${fixed(100 * run.completeness)} % | ${fixed(run.p50)} | ${fixed(run.p99)} | ${whole(run.serverCpu)} | ${whole(run.clientCpu)} |`,
    )
  }

  lines.push(END)
  writeSection(file, START, END, lines.join('\n'))
}
