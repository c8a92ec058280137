/**
 * An A/B of builds of our sync node against the stock server, in one run: each round runs the
 * stock server and every build once at one room size, in alternating order, and the medians over
 * rounds are printed with each one's p99 as a ratio of the stock server's. Build the other version
 * with `node scripts/build-sync.mjs` in its own checkout and name its file here.
 *
 * `npx tsx bench/abSync.ts --variant main=/path/to/other/dist/sync-node.mjs [--variant …]
 *  [--rounds 6] [--clients 200]`; the current dist/sync-node.mjs always runs as `this`.
 * Prints to stdout; writes nothing. The load average is printed with every run: compare ratios.
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { startOurs, startStock, type BenchServer } from './benchServers'
import { runOnce, type RunResult } from './fanoutRun'
import { median } from './resultsFile'

const { values } = parseArgs({
  options: {
    variant: { type: 'string', multiple: true, default: [] },
    rounds: { type: 'string', default: '6' },
    clients: { type: 'string', default: '200' },
  },
})
const clients = Number(values.clients)
const builds = new Map<string, string | undefined>([['this', undefined]])
for (const variant of values.variant) {
  const [name, file] = variant.split('=')
  builds.set(name, file)
}
const names = ['stock', ...builds.keys()]
const results = new Map<string, RunResult[]>(names.map((name) => [name, []]))
const load = () => os.loadavg()[0].toFixed(2)

console.log(`load average at the start ${load()}`)
for (let round = 0; round < Number(values.rounds); round++) {
  for (const name of round % 2 === 0 ? names : [...names].reverse()) {
    const server: BenchServer = name === 'stock' ? await startStock() : await startOurs({ clients, syncNodeFile: builds.get(name) })
    try {
      const result = await runOnce(server, { clients, writers: 20, writesPerSecond: 100, warmupMs: 1500, measureMs: 4000, drainMs: 1500 })
      results.get(name)!.push(result)
      console.log(
        `round ${round + 1} ${name.padEnd(10)} p50 ${result.p50.toFixed(1)} p99 ${result.p99.toFixed(1)} ms, ` +
          `${result.deliveriesPerSecond.toFixed(0)} deliveries/s, CPU ${result.serverCpu.toFixed(0)} %, RSS ${result.peakRss.toFixed(0)} MiB, load ${load()}`,
      )
    } finally {
      await server.stop()
    }
  }
}
const stockP99 = median(results.get('stock')!.map((result) => result.p99))
console.log(
  '\n| server | p50 ms | p99 ms | p99 ÷ stock | deliveries/s | server CPU % | peak RSS MiB |\n|---|---:|---:|---:|---:|---:|---:|',
)
for (const name of names) {
  const runs = results.get(name)!
  const of = (pick: (result: RunResult) => number) => median(runs.map(pick))
  console.log(
    `| ${name} | ${of((r) => r.p50).toFixed(1)} | ${of((r) => r.p99).toFixed(1)} | ×${(of((r) => r.p99) / stockP99).toFixed(2)} | ` +
      `${of((r) => r.deliveriesPerSecond).toFixed(0)} | ${of((r) => r.serverCpu).toFixed(0)} | ${of((r) => r.peakRss).toFixed(0)} |`,
  )
}
console.log(`load average at the end ${load()}`)
