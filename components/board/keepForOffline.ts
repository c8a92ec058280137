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
