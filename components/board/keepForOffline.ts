import { OFFLINE_CACHE as CACHE } from './localBoards'

/**
 * Makes the open board available offline: registers the service worker (public/sw.js) and
 * puts this page and every static file it has loaded so far into the worker's cache, since
 * the first visit loads them before the worker is in control.
 */
export async function keepForOffline(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return false
  await navigator.serviceWorker.register('/sw.js', { scope: '/' })
  const cache = await caches.open(CACHE)
  const statics = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => {
      const parsed = new URL(url)
      return parsed.origin === location.origin && (parsed.pathname.startsWith('/_next/static/') || parsed.pathname.startsWith('/tldraw/'))
    })
  await Promise.all([cache.add(location.pathname), ...statics.map((url) => cache.add(url).catch(() => undefined))])
  return true
}

/** How long an open waits for the canvas before keeping the board anyway (outline, an error). */
const CANVAS_WAIT_MS = 10_000
/** The longest wait for an idle moment once the canvas is up. */
const IDLE_WAIT_MS = 5_000

/**
 * Runs `work` once the board has opened: at the browser's next idle moment after the canvas is
 * up (`canvasUp`), or after CANVAS_WAIT_MS when it never comes up. Returns a cancel function.
 */
export function afterOpening(canvasUp: boolean, work: () => void): () => void {
  let cancelIdle = () => {}
  const whenIdle = () => {
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(work, { timeout: IDLE_WAIT_MS })
      cancelIdle = () => window.cancelIdleCallback(handle)
    } else {
      const handle = window.setTimeout(work, 0)
      cancelIdle = () => window.clearTimeout(handle)
    }
  }
  if (canvasUp) {
    whenIdle()
    return () => cancelIdle()
  }
  const timer = window.setTimeout(whenIdle, CANVAS_WAIT_MS)
  return () => {
    window.clearTimeout(timer)
    cancelIdle()
  }
}
