// Strategitavlan's service worker: keeps the board page and the app's static files so a board
// opens again while offline (its content comes from the device's IndexedDB copy). Pages are
// network-first, hashed static files cache-first. API calls and sync never pass through here.
// The same name as OFFLINE_CACHE in components/board/localBoards.ts (sign-out deletes it).
const CACHE = 'strategitavlan-offline-v1'

// The page that registers this worker sends the static files it has loaded (keepForOffline),
// and the worker keeps them while it installs: Chromium compiles a script kept during install
// at once and keeps the compiled code with it, so the next open runs it without compiling.
// Kept later, a script is compiled at its next run and its code kept only then.
const INSTALL_LIST_WAIT_MS = 10000
let receiveList
const listed = new Promise((resolve) => (receiveList = resolve))
self.addEventListener('message', (event) => {
  const data = event.data
  if (data && data.type === 'keep-static' && Array.isArray(data.urls)) receiveList(data.urls)
})

async function keepListed() {
  const urls = await Promise.race([listed, new Promise((resolve) => setTimeout(() => resolve([]), INSTALL_LIST_WAIT_MS))])
  if (!(await caches.has(CACHE))) return
  const cache = await caches.open(CACHE)
  const own = urls.filter((url) => typeof url === 'string' && new URL(url, self.location.href).origin === self.location.origin)
  await Promise.all(own.filter((url) => isStatic(new URL(url, self.location.href))).map((url) => cache.add(url).catch(() => undefined)))
}

self.addEventListener('install', (event) => {
  self.skipWaiting()
  event.waitUntil(keepListed())
  // Where the browser can (Chromium's static routing), static files come straight from the
  // cache, without starting this worker for each; one not kept yet comes from the network.
  if (typeof event.addRoutes === 'function') {
    const fromCache = (pathname) => ({ condition: { urlPattern: new URLPattern({ pathname }) }, source: { cacheName: CACHE } })
    event.waitUntil(event.addRoutes([fromCache('/_next/static/*'), fromCache('/tldraw/*')]).catch(() => undefined))
  }
})
// Navigation preload: a page's request goes out while the worker starts, instead of after.
self.addEventListener('activate', (event) =>
  event.waitUntil(Promise.all([self.clients.claim(), self.registration.navigationPreload?.enable().catch(() => undefined)])),
)

function isBoardPage(url) {
  return /^\/boards\/[A-Za-z0-9_-]+$/.test(url.pathname)
}

function isStatic(url) {
  return url.pathname.startsWith('/_next/static/') || url.pathname.startsWith('/tldraw/')
}

// Only a board page opened while signed in creates the cache (keepForOffline); after signing
// out it is gone, and nothing here brings it back.
async function keep(request, response) {
  if (!response.ok || !(await caches.has(CACHE))) return
  const cache = await caches.open(CACHE)
  await cache.put(request, response)
}

// The response goes to the page as soon as it starts; the cache keeps its copy meanwhile.
async function networkFirst(event) {
  const { request } = event
  try {
    const response = await fromNetwork(event)
    event.waitUntil(keep(request, response.clone()))
    return response
  } catch (error) {
    const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: true })
    if (cached) return cached
    throw error
  }
}

/** The navigation's preloaded response where there is one, else a request of its own. */
async function fromNetwork(event) {
  const preloaded = await event.preloadResponse
  return preloaded ?? fetch(event.request)
}

async function cacheFirst(event) {
  const { request } = event
  const cached = await caches.match(request, { cacheName: CACHE })
  if (cached) return cached
  const response = await fetch(request)
  event.waitUntil(keep(request, response.clone()))
  return response
}

self.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  if (request.mode === 'navigate') {
    // Every navigation here was preloaded (activate): answer with that, or the browser would
    // send the request a second time.
    event.respondWith(isBoardPage(url) ? networkFirst(event) : fromNetwork(event))
  } else if (isStatic(url)) event.respondWith(cacheFirst(event))
})
