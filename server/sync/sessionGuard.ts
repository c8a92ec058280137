/**
 * The facilitation state and the votes are written by the server alone (facilitators send
 * commands; votes go through the server, which checks limits). A client's change to either
 * map is undone in a follow-up transaction that travels with it, like the template guard's.
 */
import type * as Y from 'yjs'
import { sessionMap, votesMap } from '../../lib/board/docLayout'

export const SESSION_GUARD_ORIGIN = Symbol('session guard')

export function attachSessionGuard(
  doc: Y.Doc,
  options: { isClient(origin: unknown): boolean; onRevert?(origin: unknown, keys: string[]): void },
): () => void {
  const maps = [sessionMap(doc), votesMap(doc)]
  const observer = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (!options.isClient(transaction.origin)) return
    const map = event.target as Y.Map<unknown>
    const changes = [...event.changes.keys]
    doc.transact(() => {
      for (const [key, change] of changes) {
        if (change.action === 'add') map.delete(key)
        else map.set(key, change.oldValue)
      }
    }, SESSION_GUARD_ORIGIN)
    options.onRevert?.(transaction.origin, changes.map(([key]) => key))
  }
  for (const map of maps) map.observe(observer)
  return () => {
    for (const map of maps) map.unobserve(observer)
  }
}
