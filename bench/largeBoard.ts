/**
 * A 2,000-note board: how many bytes a joining client receives and how long until it has the
 * whole document, from our server (cold: the room loads from the store for this client; warm:
 * the room is already in memory) and from the stock server (warm only: it keeps nothing).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { getIndexAbove } from '@tldraw/utils'
import type { IndexKey } from '@tldraw/utils'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { createRoomTokens } from '../lib/auth/roomToken'
import { createBoardDoc } from '../lib/board/createBoardDoc'
import { openRecordStore } from '../lib/board/docLayout'
import { buildNoteRecord } from '../lib/board/noteRecord'
import { encodeUpdate } from '../server/sync/protocol'
import { BenchClient } from './benchClient'
import { BENCH_SECRET, prepareBenchDatabase, startOurs, startStock } from './benchServers'

export interface LoadResult {
  kind: string
  bytes: number
  ms: number
}

/** The board's document with `count` notes of a sentence each, spread over the canvas. */
export function boardWithNotes(count: number): Uint8Array {
  const doc = createBoardDoc({ name: 'Stor tavla', locale: 'sv', includeStarterNotes: false })
  const records = openRecordStore(doc)
  let index: IndexKey | null = null
  doc.transact(() => {
    for (let n = 0; n < count; n++) {
      index = getIndexAbove(index)
      const note = buildNoteRecord({
        x: (n % 50) * 220,
        y: Math.floor(n / 50) * 220,
        index,
        text: `Idé nummer ${n}: fler öppettider på helgerna och en lugn läsplats för unga`,
        meta: { areaId: null, createdAt: 1_700_000_000_000 + n, createdBy: { id: `u${n % 40}`, name: `Deltagare ${n % 40}` } },
      })
      records.set(note.id, note)
    }
  })
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

async function timeToSync(url: string): Promise<{ bytes: number; ms: number }> {
  const client = new BenchClient({ url, id: -1, onDelivery: () => {} })
  const opened = await client.opened
  const { bytes, at } = await client.synced
  client.close()
  return { bytes, ms: at - opened }
}

/** Our server: each repetition starts it afresh, so the first client loads the room. */
export async function measureOursLoad(state: Uint8Array, repetitions: number): Promise<LoadResult[]> {
  const results: LoadResult[] = []
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'strategitavlan-bench-large-'))
  const dbPath = path.join(dir, 'large.db')
  const { boardId, userIds } = await prepareBenchDatabase(dbPath, 2, state)
  const roomTokens = createRoomTokens({ secret: BENCH_SECRET, ttlSeconds: 3600 })
  for (let r = 0; r < repetitions; r++) {
    const server = await startOurs({ clients: 0, dbPath })
    try {
      const url = async (i: number) =>
        `${server.baseUrl}/sync/${boardId}?token=${(await roomTokens.mint({ userId: userIds[i], name: 'Deltagare', boardId, role: 'participant' })).token}`
      results.push({ kind: 'ours, cold', ...(await timeToSync(await url(0))) })
      results.push({ kind: 'ours, warm', ...(await timeToSync(await url(1))) })
    } finally {
      await server.stop()
    }
  }
  fs.rmSync(dir, { recursive: true, force: true })
  return results
}

/** The stock server keeps nothing: a first client hands it the board, then others join. */
export async function measureStockLoad(state: Uint8Array, repetitions: number): Promise<LoadResult[]> {
  const server = await startStock()
  const results: LoadResult[] = []
  try {
    const url = server.urlFor(0)
    const seeder = new WebSocket(url)
    await new Promise((resolve) => seeder.once('open', resolve))
    seeder.send(encodeUpdate(state))
    // Joins until the server hands out the whole board.
    for (let tries = 0; tries < 100; tries++) {
      const probe = await timeToSync(url)
      if (probe.bytes >= state.byteLength * 0.9) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    for (let r = 0; r < repetitions; r++) results.push({ kind: 'stock, warm', ...(await timeToSync(url)) })
    seeder.terminate()
  } finally {
    await server.stop()
  }
  return results
}
