/**
 * The parts of a board's doc that clients may not write freely, undone in a follow-up
 * transaction that travels with the offending change, like the template guard's:
 *
 * - the facilitation state and the votes, written by the server alone (facilitators send
 *   commands; votes go through the server, which checks limits);
 * - the board's metadata: clients may only replace the tldraw schema with another plausible
 *   one (the first client on a newer tldraw migrates the records and records the schema they
 *   now conform to). Deleting it, or any other key, would leave the board unopenable.
 */
import type * as Y from 'yjs'
import { metaMap, sessionMap, votesMap } from '../../lib/board/docLayout'

export const SESSION_GUARD_ORIGIN = Symbol('session guard')

/** A serialized tldraw schema, as far as the board needs one to open. */
function isSerializedSchema(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const { schemaVersion, sequences } = value as { schemaVersion?: unknown; sequences?: unknown }
  return typeof schemaVersion === 'number' && typeof sequences === 'object' && sequences !== null && !Array.isArray(sequences)
}

/** Which changes a client may make to a map: none, except what `allows` accepts. */
type ClientPolicy = (key: string, change: { action: 'add' | 'update' | 'delete' }, value: unknown) => boolean

const serverOnly: ClientPolicy = () => false
const schemaOnly: ClientPolicy = (key, change, value) => key === 'schema' && change.action !== 'delete' && isSerializedSchema(value)

export function attachSessionGuard(
  doc: Y.Doc,
  options: { isClient(origin: unknown): boolean; onRevert?(origin: unknown, keys: string[]): void },
): () => void {
  const policies = new Map<Y.Map<unknown>, ClientPolicy>([
    [sessionMap(doc), serverOnly],
    [votesMap(doc), serverOnly],
    [metaMap(doc), schemaOnly],
  ])
  const observer = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (!options.isClient(transaction.origin)) return
    const map = event.target as Y.Map<unknown>
    const allows = policies.get(map) ?? serverOnly
    const refused = [...event.changes.keys].filter(([key, change]) => !allows(key, change, map.get(key)))
    if (refused.length === 0) return
    doc.transact(() => {
      for (const [key, change] of refused) {
        if (change.action === 'add') map.delete(key)
        else map.set(key, change.oldValue)
      }
    }, SESSION_GUARD_ORIGIN)
    options.onRevert?.(transaction.origin, refused.map(([key]) => key))
  }
  for (const map of policies.keys()) map.observe(observer)
  return () => {
    for (const map of policies.keys()) map.unobserve(observer)
  }
}
