/**
 * Many nodes through Redis: one Redis Stream per room. A node appends (XADD) what it has made
 * durable and the presence of its sockets; one blocking connection per node reads (XREAD) every
 * loaded room's stream from the last entry it saw, so a node that was briefly away replays
 * what it missed, in order.
 *
 * The store stays the ground truth, and the streams only carry news. When news may be lost —
 * Redis restarted (it keeps nothing on disk), a stream was trimmed past an entry this node had
 * not read, or a node could not publish — the rooms concerned catch up from the store:
 *
 * - a node whose reading connection dropped takes each room's newest entry id, then re-reads
 *   the store (anything appended before that id was stored before it was published);
 * - a node that failed to publish adds a catch-up entry to the room's stream once Redis
 *   answers again, and every node reading it re-reads the store.
 *
 * Entry fields: `n` the publishing node, `t` the kind (`u` update, `a` presence, `q` presence
 * wanted, `c` catch up), `d` the bytes, `o` the user who owns the presence.
 */
import { randomUUID } from 'node:crypto'
import { Redis, type RedisOptions } from 'ioredis'
import { boardDocId, privateDocPrefix } from '../../lib/board/docIds'
import type { Logger } from '../logger'
import { asBuffer } from '../store/bytes'
import type { Fanout, FanoutListener, FanoutSubscription } from './fanout'

export interface RedisFanoutOptions {
  /** `redis://host:6379/0` */
  url: string
  logger: Logger
  /** Prefix of every key this fanout writes (default `strategitavlan:`). */
  keyPrefix?: string
  /** About how many entries each room's stream keeps (default 10,000). */
  maxLen?: number
  /** Names this node in the streams (default: random per process). */
  nodeId?: string
}

/** Entries read per XREAD call. */
const READ_COUNT = 512
/** An XREAD gives up after this long and starts over (new rooms are added by waking it). */
const BLOCK_MS = 5000
/** A room's stream disappears this long after its last entry. */
const STREAM_TTL_MS = 24 * 60 * 60 * 1000
/** A room's presence claims are kept this long after its last claim. */
const CLAIMS_TTL_MS = 24 * 60 * 60 * 1000

interface Followed {
  key: string
  listener: FanoutListener
  /** The last entry id delivered; null while unknown (Redis was away when the room subscribed). */
  lastId: string | null
  expiresRenewedAt: number
}

type StreamEntry = [id: Buffer, fields: Buffer[]]

/** Orders two stream ids (`ms-seq`). */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = a.split('-').map(BigInt)
  const [bMs, bSeq] = b.split('-').map(BigInt)
  if (aMs !== bMs) return aMs < bMs ? -1 : 1
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1
  return 0
}

export function createRedisFanout(options: RedisFanoutOptions): Fanout {
  const { logger } = options
  const prefix = options.keyPrefix ?? 'strategitavlan:'
  const maxLen = String(options.maxLen ?? 10_000)
  const nodeId = options.nodeId ?? randomUUID()
  const wakeKey = `${prefix}node:${nodeId}:wake`
  const connection: RedisOptions = {
    // Nothing waits in a queue while Redis is away, and a command in flight when the
    // connection drops fails at once (rather than hanging if the reconnect is quick): a
    // failed publish is repaired by a catch-up entry; presence is renewed anyway.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
  }
  const commands = new Redis(options.url, {
    ...connection,
    enableAutoPipelining: true,
    commandTimeout: 5000,
    connectionName: `fanout:${nodeId}`,
  })
  // A blocking XREAD cut off by a reconnect is not sent again: the loop takes new positions.
  const reader = new Redis(options.url, {
    ...connection,
    autoResendUnfulfilledCommands: false,
    blockingTimeout: BLOCK_MS,
    blockingTimeoutGrace: 2000,
    connectionName: `fanout-read:${nodeId}`,
  })

  const followed = new Map<string, Followed>()
  /** Streams this node could not publish to: they get a catch-up entry once Redis answers. */
  const unannounced = new Set<string>()
  let wakeId = '0-0'
  let needsResync = false
  let closed = false
  let outage = false

  const onError = (error: Error) => {
    if (!outage && !closed) logger.warn({ err: error.message }, 'Redis unreachable; rooms catch up from the store when it is back')
    outage = true
  }
  commands.on('error', onError)
  reader.on('error', onError)
  reader.on('close', () => {
    // Whatever was published while this node was not reading may be gone with the connection.
    needsResync = true
  })
  commands.on('ready', () => {
    if (outage) logger.info({}, 'Redis is back')
    outage = false
    void announceCatchUps()
  })
  const announcer = setInterval(() => void announceCatchUps(), 1000)
  announcer.unref()

  const streamKey = (room: string) => `${prefix}room:${room}`
  /** A hash per room: awareness client id → the user who first claimed it, on any node. */
  const claimsKey = (room: string) => `${prefix}claims:${room}`

  /**
   * The first claim of an id wins, on every node (HSETNX). While Redis does not answer, the
   * claim is the claimant's: each node's own memory of first claims still holds.
   */
  async function claimPresence(room: string, clientId: number, userId: string): Promise<string> {
    const key = claimsKey(room)
    try {
      const results = await commands
        .pipeline()
        .hsetnx(key, String(clientId), userId)
        .hget(key, String(clientId))
        .pexpire(key, CLAIMS_TTL_MS)
        .exec()
      const owner = results?.[1]?.[1]
      return typeof owner === 'string' ? owner : userId
    } catch {
      return userId
    }
  }

  /**
   * Resolves once the first connection is made, or after 2 s. Rooms that load at start wait
   * for it rather than start without a stream position; later, with Redis away, a room loads
   * at once and catches up when Redis is back.
   */
  const started = new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer)
      commands.off('ready', done)
      resolve()
    }
    const timer = setTimeout(done, 2000)
    timer.unref()
    commands.once('ready', done)
  })

  async function newestId(key: string): Promise<string> {
    const newest = await commands.xrevrange(key, '+', '-', 'COUNT', 1)
    return newest.length > 0 ? newest[0][0] : '0-0'
  }

  /** Ends a blocking XREAD early, so the next one includes rooms that subscribed since. */
  function wake() {
    if (commands.status !== 'ready') return
    commands
      .pipeline()
      .xadd(wakeKey, 'MAXLEN', '1', '*', 'w', '1')
      .pexpire(wakeKey, 60_000)
      .exec()
      .catch(() => undefined)
  }

  function publish(key: string, fields: (string | Buffer)[], repairable: boolean) {
    const entry = followed.get(key)
    const pipeline = commands.pipeline().xadd(key, 'MAXLEN', '~', maxLen, '*', 'n', nodeId, ...fields)
    if (entry && Date.now() - entry.expiresRenewedAt > 60_000) {
      entry.expiresRenewedAt = Date.now()
      pipeline.pexpire(key, STREAM_TTL_MS)
    }
    pipeline.exec().then(
      (results) => {
        if (repairable && results?.some(([error]) => error)) unannounced.add(key)
      },
      () => {
        if (repairable) unannounced.add(key)
      },
    )
  }

  async function announceCatchUps() {
    if (unannounced.size === 0 || commands.status !== 'ready') return
    for (const key of [...unannounced]) {
      try {
        await commands.xadd(key, 'MAXLEN', '~', maxLen, '*', 'n', nodeId, 't', 'c')
        unannounced.delete(key)
        logger.info({ stream: key }, 'asked other nodes to catch up from the store')
      } catch {
        return
      }
    }
  }

  function deliver(entry: Followed, fields: Buffer[]) {
    let node = ''
    let kind = ''
    let data: Buffer | null = null
    let owner: string | null = null
    for (let i = 0; i + 1 < fields.length; i += 2) {
      const name = fields[i].toString()
      if (name === 'n') node = fields[i + 1].toString()
      else if (name === 't') kind = fields[i + 1].toString()
      else if (name === 'd') data = fields[i + 1]
      else if (name === 'o') owner = fields[i + 1].toString() || null
    }
    if (node === nodeId) return
    try {
      if (kind === 'u' && data) entry.listener.update(data)
      else if (kind === 'a' && data) entry.listener.awareness(data, owner)
      else if (kind === 'q') entry.listener.presenceWanted()
      else if (kind === 'c') entry.listener.catchUp()
    } catch (error) {
      logger.error({ stream: entry.key, err: (error as Error).message }, 'could not apply a fanout entry')
    }
  }

  /**
   * A trimmed stream may have lost entries this node had not read. Only a full read can be
   * behind by that much: a shorter one returned everything there was.
   */
  async function checkTrimmed(entry: Followed, readFrom: string) {
    try {
      const info = (await commands.xinfo('STREAM', entry.key)) as unknown[]
      const at = info.indexOf('max-deleted-entry-id')
      const maxDeleted = at >= 0 ? String(info[at + 1]) : '0-0'
      if (compareStreamIds(maxDeleted, readFrom) > 0) {
        logger.warn({ stream: entry.key }, 'stream trimmed past unread entries; catching up from the store')
        entry.listener.catchUp()
      }
    } catch {
      // Redis went away: the resync after it returns catches up anyway.
    }
  }

  /** New positions for every room, then a catch-up from the store for each. */
  async function resync() {
    needsResync = false
    const entries = [...followed.values()]
    const newest = await Promise.all(entries.map((entry) => newestId(entry.key))).catch((error: Error) => {
      needsResync = true
      throw error
    })
    entries.forEach((entry, i) => {
      if (followed.get(entry.key) !== entry) return
      entry.lastId = newest[i]
      entry.listener.catchUp()
      // Presence from the other nodes may have been missed too.
      publish(entry.key, ['t', 'q'], false)
    })
    if (entries.length > 0) logger.info({ rooms: entries.length }, 'caught up with Redis after an interruption')
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  async function readLoop() {
    while (!closed) {
      if (reader.status !== 'ready' || commands.status !== 'ready') {
        await sleep(50)
        continue
      }
      if (needsResync) {
        try {
          await resync()
        } catch {
          await sleep(100)
        }
        continue
      }
      const active = [...followed.values()].filter((entry) => entry.lastId !== null)
      const keys = [wakeKey, ...active.map((entry) => entry.key)]
      const ids = [wakeId, ...active.map((entry) => entry.lastId!)]
      let result: [Buffer, StreamEntry[]][] | null
      try {
        result = (await reader.xreadBuffer('COUNT', READ_COUNT, 'BLOCK', BLOCK_MS, 'STREAMS', ...keys, ...ids)) as
          [Buffer, StreamEntry[]][] | null
      } catch {
        if (closed) break
        needsResync = true
        await sleep(50)
        continue
      }
      for (const [keyBytes, entries] of result ?? []) {
        const key = keyBytes.toString()
        if (key === wakeKey) {
          wakeId = entries[entries.length - 1][0].toString()
          continue
        }
        const entry = followed.get(key)
        if (!entry || entry.lastId === null) continue
        const readFrom = entry.lastId
        for (const [id, fields] of entries) {
          entry.lastId = id.toString()
          deliver(entry, fields)
        }
        if (entries.length >= READ_COUNT) void checkTrimmed(entry, readFrom)
      }
    }
  }
  const reading = readLoop()

  return {
    shared: true,
    async subscribe(room: string, listener: FanoutListener): Promise<FanoutSubscription> {
      const key = streamKey(room)
      const entry: Followed = { key, listener, lastId: null, expiresRenewedAt: 0 }
      followed.set(key, entry)
      await started
      try {
        entry.lastId = await newestId(key)
      } catch {
        // Redis is away: the room starts from the store alone and catches up when it is back.
        needsResync = true
      }
      wake()
      publish(key, ['t', 'q'], false)
      return {
        publishUpdate: (update) => publish(key, ['t', 'u', 'd', asBuffer(update)], true),
        publishAwareness: (update, owner) => publish(key, ['t', 'a', 'd', asBuffer(update), 'o', owner ?? ''], false),
        claimPresence: (clientId, userId) => claimPresence(room, clientId, userId),
        unsubscribe() {
          if (followed.get(key) !== entry) return
          followed.delete(key)
          wake()
        },
      }
    },
    async forgetBoard(boardId) {
      // The board's own stream, and those of its private documents; glob characters are
      // escaped, though board ids hold none.
      const keys = new Set<string>([streamKey(boardDocId(boardId)), claimsKey(boardDocId(boardId))])
      for (const keyOf of [streamKey, claimsKey]) {
        const pattern = keyOf(privateDocPrefix(boardId)).replace(/[*?[\]\\]/g, '\\$&')
        let cursor = '0'
        do {
          const [next, found] = await commands.scan(cursor, 'MATCH', `${pattern}*`, 'COUNT', 500)
          cursor = next
          for (const key of found) keys.add(key)
        } while (cursor !== '0')
      }
      await commands.del(...keys)
    },
    async check() {
      await commands.ping()
    },
    async close() {
      closed = true
      clearInterval(announcer)
      reader.disconnect()
      await reading
      await announceCatchUps()
      // QUIT waits for the replies to what was already sent.
      await commands.quit().catch(() => commands.disconnect())
    },
  }
}
