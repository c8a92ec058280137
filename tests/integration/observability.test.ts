/**
 * `GET /api/health` and `GET /metrics` on a real sync-only server: the database's state and
 * any registered check decide 200 or 503; the metrics follow real sockets, real edits and a
 * real refusal.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { joinBoard } from '../helpers/boardClients'
import { addNote, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { encodeAwarenessClaim, messageTypes, openRawSocket, syncSocketUrl } from '../helpers/rawSocket'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
afterEach(() => cleanup.run())

async function startHarness(overrides: Record<string, string> = {}): Promise<SyncHarness> {
  const harness = await startSyncHarness(overrides)
  cleanup.add(() => harness.close())
  return harness
}

const get = (harness: SyncHarness, path: string, init?: RequestInit) => fetch(`${harness.server.url}${path}`, init)

/** The value of one series in a Prometheus text exposition. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  if (line === undefined) throw new Error(`no series ${series} in:\n${text}`)
  return Number(line.slice(series.length + 1))
}

describe('security headers', () => {
  it('/api/health and /metrics carry the headers every page of the site carries', async () => {
    const harness = await startHarness()
    const configPath: string = '../../next.config.js'
    const { default: nextConfig } = (await import(configPath)) as {
      default: { headers(): Promise<{ headers: { key: string; value: string }[] }[]> }
    }
    const [{ headers: sitewide }] = await nextConfig.headers()
    expect(sitewide.map(({ key }) => key)).toEqual(
      expect.arrayContaining(['Content-Security-Policy', 'X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy']),
    )
    for (const [path, init] of [['/api/health'], ['/metrics'], ['/metrics', { method: 'POST' }]] as [string, RequestInit?][]) {
      const response = await get(harness, path, init)
      for (const { key, value } of sitewide)
        expect([path, init?.method, key, response.headers.get(key)]).toEqual([path, init?.method, key, value])
    }
  })
})

describe('GET /api/health', () => {
  it('answers 200 with the database’s check when it answers', async () => {
    const harness = await startHarness()
    const response = await get(harness, '/api/health')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    const body = await response.json()
    expect(body).toMatchObject({ status: 'ok', checks: { database: { ok: true } } })
  })

  it('answers 503 naming the check that failed, such as a registered Redis check', async () => {
    const harness = await startHarness()
    harness.services.health.register('redis', async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379')
    })
    const response = await get(harness, '/api/health')
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({
      status: 'failing',
      checks: { database: { ok: true }, redis: { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:6379' } },
    })
  })

  it('answers 503 when the database is gone', async () => {
    const harness = await startHarness()
    await harness.services.store.close()
    const response = await get(harness, '/api/health')
    expect(response.status).toBe(503)
    expect((await response.json()).checks.database.ok).toBe(false)
  })

  it('answers only GET and HEAD', async () => {
    const harness = await startHarness()
    expect((await get(harness, '/api/health', { method: 'POST' })).status).toBe(405)
    const head = await get(harness, '/api/health', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })
})

describe('GET /metrics', () => {
  it('counts rooms, sockets, bytes and every forwarded update with its latency', async () => {
    const harness = await startHarness()
    const [a, b] = [await joinBoard(harness, cleanup), await joinBoard(harness, cleanup)]
    const before = await (await get(harness, '/metrics')).text()
    for (let n = 0; n < 10; n++) addNote(a.doc, `n${n}`, `Idé ${n}`)
    await eventually(() => expect(noteTexts(b.doc)).toHaveLength(10))

    const response = await get(harness, '/metrics')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    const text = await response.text()
    expect(sample(text, 'strategitavlan_sync_rooms')).toBe(1)
    expect(sample(text, 'strategitavlan_sync_connections')).toBe(2)
    const updates = sample(text, 'strategitavlan_sync_updates_total') - sample(before, 'strategitavlan_sync_updates_total')
    expect(updates).toBeGreaterThanOrEqual(10)
    expect(sample(text, 'strategitavlan_sync_forward_latency_seconds_count')).toBe(sample(text, 'strategitavlan_sync_updates_total'))
    expect(sample(text, 'strategitavlan_sync_received_bytes_total')).toBeGreaterThan(
      sample(before, 'strategitavlan_sync_received_bytes_total'),
    )
    expect(sample(text, 'strategitavlan_sync_sent_bytes_total')).toBeGreaterThan(sample(before, 'strategitavlan_sync_sent_bytes_total'))
  })

  it('counts a socket closed for breaking a limit under its reason and code', async () => {
    const harness = await startHarness({ SYNC_MAX_MESSAGES_PER_SECOND: '20' })
    const raw = openRawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, await harness.mintToken({ role: 'participant' })))
    cleanup.add(() => raw.socket.terminate())
    await raw.opened
    await eventually(() => expect(messageTypes(raw.messages)).toContain(0))
    for (let i = 0; i < 100; i++) raw.send(encodeAwarenessClaim([]))
    expect((await raw.closed).code).toBe(4429)

    const forged = openRawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, 'not-a-token'))
    cleanup.add(() => forged.socket.terminate())
    expect((await forged.closed).code).toBe(4401)

    const text = await (await get(harness, '/metrics')).text()
    expect(sample(text, 'strategitavlan_sync_refusals_total{reason="message rate",code="4429"}')).toBe(1)
    expect(text).toMatch(/^strategitavlan_sync_refusals_total\{reason="[^"]+",code="4401"\} 1$/m)
  })
})
