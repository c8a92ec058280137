/**
 * Boards kept on this device (IndexedDB, through y-indexeddb), so a branch that loses its
 * connection keeps working. Kept per person: two people may share one computer.
 */
const LOCAL_PREFIX = 'strategitavlan:'

/** The IndexedDB name of this device's copy of a board for one person. */
export function localDocName(boardId: string, userId: string): string {
  return `${LOCAL_PREFIX}${boardId}:${userId}`
}

/** The service worker's cache of board pages and static files (public/sw.js). */
export const OFFLINE_CACHE = 'strategitavlan-offline-v1'

/** Forgets every board kept on this device, and the pages kept for it (on signing out). */
export async function forgetLocalBoards(): Promise<void> {
  if ('serviceWorker' in navigator) {
    const registrations = await navigator.serviceWorker.getRegistrations()
    await Promise.all(registrations.map((registration) => registration.unregister()))
  }
  if ('caches' in window) await caches.delete(OFFLINE_CACHE)
  const databases = (await indexedDB.databases?.()) ?? []
  await Promise.all(
    databases
      .filter((db) => db.name?.startsWith(LOCAL_PREFIX))
      .map(
        (db) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(db.name!)
            request.onsuccess = request.onerror = request.onblocked = () => resolve()
          }),
      ),
  )
}
