import { describe, expect, it } from 'vitest'
import { createMetrics } from './metrics'

/** The value of one sample line of the exposition, e.g. `name{label="x"} 3`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

describe('Prometheus metrics', () => {
  it('counts forwarded updates and their latency in one histogram', async () => {
    const metrics = createMetrics()
    metrics.sync.forwarded(0.002)
    metrics.sync.forwarded(0.3)
    const text = await metrics.render()
    expect(sample(text, 'strategitavlan_sync_updates_total')).toBe(2)
    expect(sample(text, 'strategitavlan_sync_forward_latency_seconds_count')).toBe(2)
    expect(sample(text, 'strategitavlan_sync_forward_latency_seconds_bucket{le="0.0025"}')).toBe(1)
    expect(sample(text, 'strategitavlan_sync_forward_latency_seconds_bucket{le="0.5"}')).toBe(2)
  })

  it('adds up bytes in and out', async () => {
    const metrics = createMetrics()
    metrics.sync.received(100)
    metrics.sync.received(20)
    metrics.sync.sent(7)
    const text = await metrics.render()
    expect(sample(text, 'strategitavlan_sync_received_bytes_total')).toBe(120)
    expect(sample(text, 'strategitavlan_sync_sent_bytes_total')).toBe(7)
  })

  it('counts refusals by reason and close code', async () => {
    const metrics = createMetrics()
    metrics.sync.refused('message rate', 4429)
    metrics.sync.refused('message rate', 4429)
    metrics.sync.refused('malformed message', 4400)
    const text = await metrics.render()
    expect(sample(text, 'strategitavlan_sync_refusals_total{reason="message rate",code="4429"}')).toBe(2)
    expect(sample(text, 'strategitavlan_sync_refusals_total{reason="malformed message",code="4400"}')).toBe(1)
  })

  it('reads rooms and connections from the sync server when scraped', async () => {
    const metrics = createMetrics()
    let stats = { rooms: 1, connections: 3 }
    metrics.trackSyncStats(() => stats)
    expect(sample(await metrics.render(), 'strategitavlan_sync_connections')).toBe(3)
    stats = { rooms: 0, connections: 0 }
    const text = await metrics.render()
    expect(sample(text, 'strategitavlan_sync_rooms')).toBe(0)
    expect(sample(text, 'strategitavlan_sync_connections')).toBe(0)
  })

  it('includes the process’s own metrics, and keeps two servers’ counts apart', async () => {
    const one = createMetrics()
    const two = createMetrics()
    one.sync.forwarded(0.01)
    expect(await one.render()).toMatch(/^process_resident_memory_bytes \d+/m)
    expect(sample(await two.render(), 'strategitavlan_sync_updates_total')).toBe(0)
    expect(one.contentType).toMatch(/^text\/plain/)
  })
})
