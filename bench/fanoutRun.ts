/**
 * One measured run: a server, `clients` sockets in one room, `writers` of them writing at a
 * steady total rate. After a warm-up, for `measureMs`: every delivery of an update sent in the
 * window is counted and its latency (receive time − the send time stamped in the update) kept;
 * the server's CPU time is read from /proc, and its peak RSS at the end.
 */
import { connectClients, now, type BenchClient, type Delivery } from './benchClient'
import type { BenchServer } from './benchServers'
import { cpuSeconds, peakRssMiB } from './processStats'

export interface RunSettings {
  clients: number
  writers: number
  writesPerSecond: number
  warmupMs: number
  measureMs: number
  drainMs: number
}

export interface RunResult {
  kind: string
  clients: number
  writesPerSecond: number
  deliveriesPerSecond: number
  /** Deliveries counted ÷ deliveries owed (every write to every other client). */
  completeness: number
  p50: number
  p99: number
  /** Server CPU in the window, in % of one core (summed over its processes). */
  serverCpu: number
  /** Largest peak RSS of its processes, MiB. */
  peakRss: number
  /** The benchmark's own CPU in the window, % of one core: clients saturating show here. */
  clientCpu: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

export async function runOnce(server: BenchServer, settings: RunSettings): Promise<RunResult> {
  let windowStart = Infinity
  let windowEnd = Infinity
  const latencies: number[] = []
  let writesInWindow = 0
  const onDelivery = ({ sentAt, receivedAt }: Delivery) => {
    if (sentAt >= windowStart && sentAt < windowEnd) latencies.push(receivedAt - sentAt)
  }
  let clients: BenchClient[] = []
  const timers: NodeJS.Timeout[] = []
  try {
    clients = await connectClients(settings.clients, server.urlFor, onDelivery)
    // Writers spread over the room (and so over both nodes of a two-node server).
    const step = Math.max(1, Math.floor(settings.clients / settings.writers))
    const writers = Array.from({ length: Math.min(settings.writers, settings.clients) }, (_, w) => clients[(w * step) % clients.length])
    const intervalMs = (1000 * writers.length) / settings.writesPerSecond
    writers.forEach((writer, w) => {
      const start = setTimeout(
        () => {
          const tick = () => {
            const at = now()
            if (at >= windowStart && at < windowEnd) writesInWindow++
            writer.write()
          }
          tick()
          timers.push(setInterval(tick, intervalMs))
        },
        (w * intervalMs) / writers.length,
      )
      timers.push(start)
    })
    await sleep(settings.warmupMs)

    const cpuBefore = server.pids.map(cpuSeconds)
    const ownBefore = process.cpuUsage()
    windowStart = now()
    await sleep(settings.measureMs)
    windowEnd = now()
    const cpuAfter = server.pids.map(cpuSeconds)
    const own = process.cpuUsage(ownBefore)
    const seconds = (windowEnd - windowStart) / 1000
    for (const timer of timers) clearInterval(timer)
    await sleep(settings.drainMs)

    latencies.sort((a, b) => a - b)
    const owed = writesInWindow * (settings.clients - 1)
    return {
      kind: server.kind,
      clients: settings.clients,
      writesPerSecond: writesInWindow / seconds,
      deliveriesPerSecond: latencies.length / seconds,
      completeness: owed > 0 ? latencies.length / owed : NaN,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      serverCpu: (100 * cpuAfter.reduce((sum, cpu, i) => sum + cpu - cpuBefore[i], 0)) / seconds,
      peakRss: Math.max(...server.pids.map(peakRssMiB)),
      clientCpu: (100 * (own.user + own.system)) / 1e6 / seconds,
    }
  } finally {
    for (const timer of timers) clearInterval(timer)
    for (const client of clients) client.close()
  }
}
