/**
 * Keeps the board's template (zones, step cards, loop, their arrows and bindings, the document
 * record and the page) as facilitators left it. The editor locks those shapes, but a modified
 * client can still write them; this guard undoes such writes on the server.
 *
 * Records live YKeyValue-style in one Y.Array of `{ key, val }` entries where the rightmost
 * entry of a key wins. For each template key the guard remembers the entry that won after the
 * last accepted change. When a restricted transaction touches a template key, a follow-up
 * transaction (origin {@link TEMPLATE_GUARD_ORIGIN}) deletes the entries it added and, if the
 * remembered entry no longer wins, appends a copy of it. Yjs runs that follow-up synchronously
 * right after the offending transaction, so both reach the room's update queue together.
 */
import type * as Y from 'yjs'
import { recordsArray, type RecordEntry } from '../../lib/board/docLayout'
import { isTemplateRecordId } from '../../lib/board/template'
import { TEMPLATE_GUARD_ORIGIN } from './origins'

/**
 * Whether a record is protected: asked with its key and a value, and whether that value is one
 * the change adds (true) or one it replaces or deletes (false).
 */
export type RecordJudge = (key: string, value: unknown, added: boolean) => boolean

export interface TemplateGuardOptions {
  /** True when the transaction's origin may not change template records. */
  isRestricted(origin: unknown): boolean
  /**
   * Which records restricted origins may not touch (default: the template's). Called once per
   * restricted change, before the guard undoes anything, for a judge of that change's records;
   * the judge is asked with a record's key and a value — the new one, or the one it replaces —
   * so a record that is protected before or after a change is kept as it was. The doc does not
   * change while one judge is in use, so it may keep what it reads.
   */
  protects?(origin: unknown): RecordJudge
  /**
   * What a restricted origin's added entries become (see ./authorship.ts): asked with a record's
   * key, the value the change adds and the value the key held before (the last accepted one,
   * also after a delete), it answers a replacement value, or null to keep the entry. The
   * replacement takes the entry's place in the guard's follow-up transaction.
   */
  rewrites?(origin: unknown): (key: string, value: unknown, previous: unknown) => unknown
  /** Called when a restricted change added something that is no record entry (it is removed). */
  onForeignEntry?(origin: unknown): void
  /** Called after a restricted change was undone, with the template keys it touched. */
  onRevert?(origin: unknown, keys: string[]): void
}

function isEntry(entry: unknown): entry is RecordEntry {
  return typeof entry === 'object' && entry !== null && typeof (entry as RecordEntry).key === 'string'
}

/** Starts guarding `doc`'s template records; returns a function that stops. */
export function attachTemplateGuard(doc: Y.Doc, options: TemplateGuardOptions): () => void {
  const records = recordsArray(doc)
  const templateOnly = () => (key: string) => isTemplateRecordId(key)
  const judge = options.protects ?? templateOnly
  /** The winning entry of each key after the last accepted change. */
  const accepted = new Map<string, RecordEntry>()
  /** The last accepted value of keys since deleted (an undo may bring one back), oldest first. */
  const departed = new Map<string, unknown>()
  const DEPARTED_KEPT = 20_000
  /** Whether a change's entry touches a protected record, judged by `protects`. */
  const guards = (protects: RecordJudge) => (entry: RecordEntry, added: boolean) =>
    protects(entry.key, entry.val, added) || (accepted.has(entry.key) && protects(entry.key, accepted.get(entry.key)!.val, false))

  /** The rightmost entry of each key in `keys`, ignoring the entries in `ignored`. */
  const winners = (keys: ReadonlySet<string> | null, ignored?: ReadonlySet<RecordEntry>) => {
    const found = new Map<string, RecordEntry>()
    const entries = records.toArray()
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]
      if (!isEntry(entry) || found.has(entry.key) || ignored?.has(entry)) continue
      if (keys && !keys.has(entry.key)) continue
      found.set(entry.key, entry)
      if (keys && found.size === keys.size) break
    }
    return found
  }

  for (const [key, entry] of winners(null)) accepted.set(key, entry)

  const observer = (event: Y.YArrayEvent<RecordEntry>, transaction: Y.Transaction) => {
    // Entries are compared by identity: Yjs hands out the same objects from `changes` and
    // from `toArray()`, which is also how YKeyValue tells its entries apart.
    const added = new Set<RecordEntry>()
    const touched = new Set<string>()
    const all = new Set<string>()
    const restricted = options.isRestricted(transaction.origin)
    // One judge per change: what it reads of the doc holds until the guard's own transaction.
    const isGuarded = restricted ? guards(judge(transaction.origin)) : () => false
    const rewrite = restricted && options.rewrites ? options.rewrites(transaction.origin) : null
    /** Replacement values for entries the change added, by key (the entry itself is in `added`). */
    const rewritten = new Map<string, unknown>()
    for (const item of event.changes.added) {
      for (const entry of item.content.getContent()) {
        if (!isEntry(entry)) {
          // Not a record entry at all: nothing a client of ours writes, so it goes.
          if (restricted) {
            added.add(entry as RecordEntry)
            options.onForeignEntry?.(transaction.origin)
          }
          continue
        }
        all.add(entry.key)
        if (restricted && isGuarded(entry, true)) {
          added.add(entry)
          touched.add(entry.key)
          continue
        }
        if (rewrite) {
          const previous = accepted.has(entry.key) ? accepted.get(entry.key)!.val : departed.get(entry.key)
          const replacement = rewrite(entry.key, entry.val, previous)
          if (replacement !== null && replacement !== undefined) {
            added.add(entry)
            rewritten.set(entry.key, replacement)
          }
        }
      }
    }
    for (const item of event.changes.deleted) {
      for (const entry of item.content.getContent()) {
        if (!isEntry(entry)) continue
        all.add(entry.key)
        if (restricted && isGuarded(entry, false)) touched.add(entry.key)
      }
    }
    if (all.size === 0 && added.size === 0) return

    // What the change may keep: remember what now wins for those keys.
    const kept = [...all].filter((key) => !touched.has(key))
    if (kept.length > 0) {
      const current = winners(new Set(kept))
      for (const key of kept) {
        const entry = current.get(key)
        if (entry) {
          accepted.set(key, entry)
          departed.delete(key)
        } else if (accepted.has(key)) {
          departed.delete(key)
          departed.set(key, accepted.get(key)!.val)
          if (departed.size > DEPARTED_KEPT) departed.delete(departed.keys().next().value as string)
          accepted.delete(key)
        }
      }
    }
    if (touched.size === 0 && added.size === 0) return

    const survivors = winners(touched, added)
    const restore = [...touched].filter((key) => accepted.has(key) && survivors.get(key) !== accepted.get(key))
    doc.transact(() => {
      if (added.size > 0) {
        const entries = records.toArray()
        for (let i = entries.length - 1; i >= 0; i--) {
          if (added.has(entries[i])) records.delete(i, 1)
        }
      }
      if (restore.length > 0) {
        records.push(restore.map((key) => ({ key, val: accepted.get(key)!.val })))
      }
      // A rewritten entry is the client's own, corrected.
      const replacements = [...rewritten].filter(([key]) => !touched.has(key))
      if (replacements.length > 0) records.push(replacements.map(([key, val]) => ({ key, val }) as RecordEntry))
    }, TEMPLATE_GUARD_ORIGIN)
    if (touched.size > 0) options.onRevert?.(transaction.origin, [...touched])
  }

  records.observe(observer)
  return () => records.unobserve(observer)
}
