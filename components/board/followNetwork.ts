import type { BoardConnection } from '@/lib/sync/connectBoard'

/**
 * Tells a board connection when the browser goes offline (the socket is dead: drop it now) or
 * comes back (try now, not at the end of a backoff pause that grew meanwhile). Returns a
 * function that stops listening.
 */
export function followBrowserNetwork(connection: BoardConnection, onChange?: () => void): () => void {
  const onNetwork = () => {
    if (navigator.onLine) connection.retryNow()
    else connection.goneOffline()
    onChange?.()
  }
  window.addEventListener('online', onNetwork)
  window.addEventListener('offline', onNetwork)
  return () => {
    window.removeEventListener('online', onNetwork)
    window.removeEventListener('offline', onNetwork)
  }
}
