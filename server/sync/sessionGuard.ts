/**
 * The parts of a board's doc that clients may not write freely, undone in a follow-up
 * transaction that travels with the offending change, like the template guard's:
 *
 * - the facilitation state and the votes, written by the server alone (facilitators send
 *   commands; votes go through the server, which checks limits);
 * - the board's metadata: clients may only write the tldraw schema this server runs (the first
 *   client to open a board stored under an older one migrates the records and records it).
 *   Deleting it, another schema, or any other key would leave the board unopenable.
 */
import type * as Y from 'yjs'
import { metaMap, sessionMap, votesMap } from '../../lib/board/docLayout'
import { boardSchema } from '../../lib/board/schema'
import { SESSION_GUARD_ORIGIN } from './origins'

const currentSchema = boardSchema.serialize()

/**
 * The schema this server's tldraw writes, and no other: every client runs the same pinned
 * tldraw, so a client records only the schema it migrated the records to — this one. Any other
 * (a "newer" one, a bogus one) would make browsers refuse to open the board.
 */
function isCurrentSchema(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const { schemaVersion, sequences } = value as { schemaVersion?: unknown; sequences?: unknown }
  if (schemaVersion !== currentSchema.schemaVersion) return false
  if (typeof sequences !== 'object' || sequences === null || Array.isArray(sequences)) return false
  const theirs = Object.entries(sequences as Record<string, unknown>)
  const ours = currentSchema.sequences as Record<string, unknown>
  return theirs.length === Object.keys(ours).length && theirs.every(([key, version]) => Object.hasOwn(ours, key) && ours[key] === version)
}

/** Which changes a client may make to a map: none, except what `allows` accepts. */
type ClientPolicy = (key: string, change: { action: 'add' | 'update' | 'delete' }, value: unknown) => boolean

const serverOnly: ClientPolicy = () => false
const schemaOnly: ClientPolicy = (key, change, value) => key === 'schema' && change.action !== 'delete' && isCurrentSchema(value)

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
    options.onRevert?.(
      transaction.origin,
      refused.map(([key]) => key),
    )
  }
  for (const map of policies.keys()) map.observe(observer)
  return () => {
    for (const map of policies.keys()) map.unobserve(observer)
  }
}
