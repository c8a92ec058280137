import { OFFLINE_CACHE as CACHE } from './localBoards'

/**
 * Makes the open board available offline: registers the service worker (public/sw.js) and
 * puts this page and every static file it has loaded so far into the worker's cache, since
 * the first visit loads them before the worker is in control. A worker installing now is sent
 * the list and keeps the files itself, so that Chromium compiles the scripts as they are kept
 * and the next open runs them without compiling (bench/results.md, "Board open").
 */
export async function keepForOffline(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return false
  // The cache first: the worker keeps files only in a cache this page has made (sign-out deletes it).
  const cache = await caches.open(CACHE)
  const statics = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => {
      const parsed = new URL(url)
      return parsed.origin === location.origin && (parsed.pathname.startsWith('/_next/static/') || parsed.pathname.startsWith('/tldraw/'))
    })
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' })
  const installing = registration.installing
  if (installing) {
    // A worker installing now keeps the files itself (public/sw.js says why); wait for it.
    installing.postMessage({ type: 'keep-static', urls: statics })
    await installed(installing)
  }
  // The page anew each time; of the static files only those the cache lacks. They are named by
  // their content, so a kept one never changes, and putting it again would drop the compiled
  // code Chromium keeps beside it: every open would compile the page's scripts anew
  // (bench/results.md, "Board open").
  const keepStatic = async (url: string) => {
    if ((await cache.match(url)) === undefined) await cache.add(url).catch(() => undefined)
  }
  await Promise.all([cache.add(location.pathname), ...statics.map(keepStatic)])
  return true
}

/** Settles once the worker has installed (or failed to). */
function installed(worker: ServiceWorker): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (worker.state !== 'installing') {
        worker.removeEventListener('statechange', check)
        resolve()
      }
    }
    worker.addEventListener('statechange', check)
    check()
  })
}

/** How long an open waits for the canvas before keeping the board anyway (outline, an error). */
export const CANVAS_WAIT_MS = 10_000
/** The longest wait for an idle moment once the canvas is up. */
export const IDLE_WAIT_MS = 5_000

/** When to run later work; each call returns a function that cancels it. */
export interface OpeningScheduler {
  after(ms: number, run: () => void): () => void
  /** At the browser's next idle moment, or after `timeoutMs` at the latest. */
  whenIdle(timeoutMs: number, run: () => void): () => void
}

const browserScheduler: OpeningScheduler = {
  after(ms, run) {
    const handle = window.setTimeout(run, ms)
    return () => window.clearTimeout(handle)
  },
  whenIdle(timeoutMs, run) {
    if (typeof window.requestIdleCallback !== 'function') return browserScheduler.after(0, run)
    const handle = window.requestIdleCallback(run, { timeout: timeoutMs })
    return () => window.cancelIdleCallback(handle)
  },
}

/**
 * Runs `work` once the board has opened: at the browser's next idle moment after the canvas is
 * up (`canvasUp`), or after CANVAS_WAIT_MS when it never comes up. Returns a cancel function.
 */
export function afterOpening(canvasUp: boolean, work: () => void, scheduler: OpeningScheduler = browserScheduler): () => void {
  if (canvasUp) return scheduler.whenIdle(IDLE_WAIT_MS, work)
  let cancelIdle = () => {}
  const cancelWait = scheduler.after(CANVAS_WAIT_MS, () => {
    cancelIdle = scheduler.whenIdle(IDLE_WAIT_MS, work)
  })
  return () => {
    cancelWait()
    cancelIdle()
  }
}
