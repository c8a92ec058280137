import v8 from 'node:v8'
import vm from 'node:vm'

/**
 * Gives V8's spare heap back to the system after rooms unload.
 *
 * A busy room grows V8's heap: 50 people writing for a few minutes take it from ~20 to 40–55 MiB.
 * Once the room is gone its objects are collected, but V8 keeps the pages it grew into until
 * a full collection, and an idle Node process does not run one. So the server's memory stayed
 * 30–45 % above where it was before the room (bench/results.md, "Memory over time"). After a
 * room unloads this waits until no room has loaded or unloaded for `delayMs`, then runs one
 * full collection: 10–20 ms of a quiet process, at most once per `minIntervalMs`.
 */
export interface HeapRelease {
  /** A room unloaded: release the heap once things stay quiet. */
  roomUnloaded(): void
  /** A room loaded: whatever was waiting waits for the next unload. */
  roomLoaded(): void
  stop(): void
}

export interface HeapReleaseOptions {
  /** Runs a full collection; `fullCollection()` by default. Null: release nothing. */
  collect?: (() => void) | null
  /** Quiet time after the last unload before collecting (default 5 s). */
  delayMs?: number
  /** The least time between two collections (default 60 s). */
  minIntervalMs?: number
  /** Told after each collection: resident memory before and after, and how long it took. */
  onCollected?: (result: { rssBeforeMiB: number; rssAfterMiB: number; ms: number }) => void
  now?: () => number
}

export function createHeapRelease(options: HeapReleaseOptions = {}): HeapRelease {
  const collect = options.collect === undefined ? fullCollection() : options.collect
  const delayMs = options.delayMs ?? 5_000
  const minIntervalMs = options.minIntervalMs ?? 60_000
  const now = options.now ?? Date.now
  let timer: NodeJS.Timeout | null = null
  let lastAt = -Infinity

  const cancel = () => {
    if (timer) clearTimeout(timer)
    timer = null
  }
  const schedule = (afterMs: number) => {
    cancel()
    timer = setTimeout(() => {
      timer = null
      const wait = lastAt + minIntervalMs - now()
      if (wait > 0) return schedule(wait)
      lastAt = now()
      const rssBefore = process.memoryUsage.rss()
      const started = performance.now()
      collect!()
      options.onCollected?.({
        rssBeforeMiB: rssBefore / 2 ** 20,
        rssAfterMiB: process.memoryUsage.rss() / 2 ** 20,
        ms: performance.now() - started,
      })
    }, afterMs)
    timer.unref()
  }
  return {
    roomUnloaded() {
      if (collect) schedule(delayMs)
    },
    roomLoaded: cancel,
    stop: cancel,
  }
}

/**
 * V8's full collection, or null where it cannot be had. Node exposes it only with
 * `--expose-gc`; without the flag it is taken from a fresh context after setting that flag.
 */
export function fullCollection(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (typeof exposed === 'function') return () => exposed()
  try {
    v8.setFlagsFromString('--expose-gc')
    const gc: unknown = vm.runInNewContext('gc')
    return typeof gc === 'function' ? () => (gc as () => void)() : null
  } catch {
    return null
  }
}
