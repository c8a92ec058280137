/**
 * Memory over time (issue 15): a room of 50 clients editing for a while, then all leaving. Does
 * the server's memory come back to where it was before the room loaded (target: within 10 %)?
 * And the sync-only process's peak RSS against the stock y-websocket server's in the same run.
 *
 * For each server (ours on SQLite, ours on PostgreSQL when one answers, the stock server): start
 * it and let it settle (see {@link settle}: one client in the room for a moment, then idle until
 * its resident memory stops falling), sample its resident memory (/proc VmRSS) for a few seconds
 * with no room loaded (*before*), let `--clients` clients join one room and write
 * (`--writes-per-second` in all, every client a writer) for `--minutes`, close every socket, and
 * sample for `--settle-s` seconds after the room has been unloaded (*after*: the median of the
 * last third of those samples). Ours unloads an idle room after ROOM_IDLE_UNLOAD_MS, set to 2 s
 * here; the stock server drops a document when its last client leaves. V8 is not told to
 * collect garbage: the server is left to return memory as it would in production.
 *
 * `npx tsx bench/memory.ts [--minutes 1] [--clients 50] [--writes-per-second 50] [--settle-s 60]`
 * — the issue's full run is `--minutes 10` (or BENCH_MEMORY_MINUTES=10). Writes its section of
 * bench/results.md.
 */
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { connectClients, type BenchClient } from './benchClient'
import { findBenchPostgres, startOurs, startStock, type BenchServer } from './benchServers'
import { peakRssMiB } from './processStats'
import fs from 'node:fs'
import { median, writeSection } from './resultsFile'

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: process.env.BENCH_MEMORY_MINUTES ?? '1' },
    clients: { type: 'string', default: '50' },
    'writes-per-second': { type: 'string', default: '50' },
    'settle-s': { type: 'string', default: '60' },
    stores: { type: 'string', default: 'sqlite,postgres,stock' },
    out: { type: 'string', default: path.join(import.meta.dirname, 'results.md') },
  },
})
const minutes = Number(values.minutes)
const clientCount = Number(values.clients)
const writesPerSecond = Number(values['writes-per-second'])
const settleMs = Number(values['settle-s']) * 1000
const IDLE_UNLOAD_MS = 2000
const START = '<!-- memory-bench:start -->'
const END = '<!-- memory-bench:end -->'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024
}

function log(message: string) {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`)
}

/** RSS every `everyMs` for `ms`. */
async function sample(pid: number, ms: number, everyMs = 500): Promise<number[]> {
  const samples: number[] = []
  const until = Date.now() + ms
  while (Date.now() < until) {
    samples.push(rssMiB(pid))
    await sleep(everyMs)
  }
  return samples
}

interface MemoryResult {
  server: string
  /** RSS just after start, before {@link settle}. */
  atStart: number
  before: number
  /** Largest RSS while the room was busy, and the process's own peak (VmHWM). */
  busyMax: number
  peak: number
  /** Median of the last third of the samples after everyone left. */
  after: number
  /** RSS once a minute while the room was busy. */
  curve: number[]
  updates: number
}

/** How long {@link settle} waits at most, and how flat RSS must be over its window to count as settled. */
const SETTLE_MAX_MS = 90_000
const SETTLE_WINDOW = 10
const SETTLE_FLAT_MIB = 1

/**
 * Brings a freshly started server to the state it idles in between rooms, so that *before*
 * measures the server and not its start-up: one client joins the room, writes one note and
 * leaves (what any first visitor does: the code that serves a room is loaded and compiled, a
 * database connection opened), the room is unloaded, and then the process idles until its RSS
 * has fallen no more than {@link SETTLE_FLAT_MIB} over the last {@link SETTLE_WINDOW} seconds
 * (start-up garbage collected and returned). Returns how long that took.
 */
async function settle(server: BenchServer): Promise<number> {
  const started = Date.now()
  const pid = server.pids[0]
  const [first] = await connectClients(1, server.urlFor, () => undefined)
  first.write()
  await sleep(500)
  first.close()
  await sleep(IDLE_UNLOAD_MS + 1000)
  const recent: number[] = []
  while (Date.now() - started < SETTLE_MAX_MS) {
    recent.push(rssMiB(pid))
    if (recent.length > SETTLE_WINDOW) recent.shift()
    if (recent.length === SETTLE_WINDOW && recent[0] - Math.min(...recent) <= SETTLE_FLAT_MIB) break
    await sleep(1000)
  }
  return Date.now() - started
}

async function measure(label: string, server: BenchServer): Promise<MemoryResult> {
  const pid = server.pids[0]
  try {
    const atStart = rssMiB(pid)
    const settledInMs = await settle(server)
    log(`${label}: ${atStart.toFixed(1)} MiB at start, settled in ${(settledInMs / 1000).toFixed(0)} s`)
    const before = median(await sample(pid, 5000))
    log(`${label}: ${before.toFixed(1)} MiB before the room loaded`)
    let deliveries = 0
    const clients: BenchClient[] = await connectClients(clientCount, server.urlFor, () => deliveries++)
    const intervalMs = (1000 * clients.length) / writesPerSecond
    let updates = 0
    // Every client writes, the writers spread evenly over the interval.
    const timers: NodeJS.Timeout[] = []
    clients.forEach((client, i) => {
      const tick = () => {
        client.write()
        updates++
      }
      timers.push(setTimeout(() => timers.push(setInterval(tick, intervalMs)), (i * intervalMs) / clients.length))
    })
    const curve: number[] = []
    let busyMax = 0
    const busyUntil = Date.now() + minutes * 60_000
    let nextMinute = Date.now() + 60_000
    while (Date.now() < busyUntil) {
      const rss = rssMiB(pid)
      busyMax = Math.max(busyMax, rss)
      if (Date.now() >= nextMinute) {
        curve.push(rss)
        nextMinute += 60_000
        log(`${label}: ${rss.toFixed(1)} MiB after ${curve.length} min, ${updates} updates, ${deliveries} deliveries`)
      }
      await sleep(500)
    }
    curve.push(rssMiB(pid))
    for (const timer of timers) clearInterval(timer)
    await sleep(1000)
    for (const client of clients) client.close()
    const peak = peakRssMiB(pid)
    log(`${label}: ${updates} updates, ${deliveries} deliveries; peak ${peak.toFixed(1)} MiB; everyone left`)
    const settled = await sample(pid, IDLE_UNLOAD_MS + settleMs, 1000)
    const after = median(settled.slice(Math.floor((settled.length * 2) / 3)))
    log(`${label}: ${after.toFixed(1)} MiB after (${((100 * (after - before)) / before).toFixed(1)} %)`)
    return { server: label, atStart, before, busyMax, peak, after, curve, updates }
  } finally {
    await server.stop()
  }
}

async function main() {
  const loadBefore = os.loadavg()
  const stores = values.stores.split(',')
  const postgresUrl = stores.includes('postgres') ? await findBenchPostgres() : null
  const env = { ROOM_IDLE_UNLOAD_MS: String(IDLE_UNLOAD_MS) }
  const results: MemoryResult[] = []
  if (stores.includes('sqlite')) results.push(await measure('ours, SQLite', await startOurs({ clients: clientCount, env })))
  if (postgresUrl) results.push(await measure('ours, PostgreSQL', await startOurs({ clients: clientCount, env, postgresUrl })))
  if (stores.includes('stock')) results.push(await measure('stock', await startStock()))
  const mib = (n: number) => n.toFixed(1)
  const change = (r: MemoryResult) => `${r.after >= r.before ? '+' : ''}${((100 * (r.after - r.before)) / r.before).toFixed(1)} %`
  const stock = results.find((r) => r.server === 'stock')
  const block = [
    START,
    '## Memory over time: a room of 50 editing, then empty (issue 15)',
    '',
    `\`npx tsx bench/memory.ts --minutes ${minutes}\` — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, Node ${process.version}, ${os.cpus().length} cores.`,
    `${clientCount} clients in one room, all writing (${writesPerSecond} updates/s in all, a note record each, as in the sync`,
    `benchmark) for ${minutes} min, then every socket closed. *Before*: median resident memory (VmRSS) over 5 s with`,
    `no room loaded, once the server has settled: one client came, wrote one note and left, the room was unloaded,`,
    `and RSS then fell by no more than ${SETTLE_FLAT_MIB} MiB over ${SETTLE_WINDOW} s (at most ${SETTLE_MAX_MS / 1000} s in all); *at start* is`,
    `RSS just after start, for comparison. *After*: median of the last third of ${settleMs / 1000} s of samples once the`,
    `room was unloaded (ours: ROOM_IDLE_UNLOAD_MS = ${IDLE_UNLOAD_MS}); no forced garbage collection. *Peak* is VmHWM.`,
    `Load average (1/5/15 min) ${loadBefore.map((n) => n.toFixed(1)).join(' / ')} at the start and ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' / ')} at the end.`,
    '',
    '| server | updates | at start MiB | before MiB | busy, each minute MiB | peak MiB | after MiB | after vs before | target ≤ +10 % | peak vs stock |',
    '|---|---:|---:|---:|---|---:|---:|---:|---|---:|',
    ...results.map(
      (r) =>
        `| ${r.server} | ${r.updates.toLocaleString('en-US')} | ${mib(r.atStart)} | ${mib(r.before)} | ${r.curve.map(mib).join(', ')} | ${mib(r.peak)} | ${mib(r.after)} | ${change(r)} | ${
          r.after <= r.before * 1.1 ? 'met' : 'missed'
        } | ${stock ? `×${(r.peak / stock.peak).toFixed(2)}` : '–'} |`,
    ),
    END,
  ].join('\n')
  writeSection(values.out, START, END, block)
  console.log(block)
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
