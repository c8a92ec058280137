/**
 * The adapter between a tldraw store and a board's Y.Doc (the pattern of tldraw's yjs example,
 * for tldraw 5).
 *
 * - Local → doc: the user's document changes are collected and written in one Yjs transaction,
 *   at most every `flushIntervalMs`. A drag produces a change per frame and each change re-sends
 *   the whole record, so coalescing cuts the traffic of a drag by ~3× without visible lag.
 * - Doc → local: changes from other origins enter through `mergeRemoteChanges`, so tldraw
 *   neither records them in this user's undo history nor echoes them back.
 * Our own transactions carry {@link bindingOrigin}; the observer skips them, so a client never
 * re-applies its own change.
 */
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { openRecordStore, readBoardMeta, readRecords, writeBoardMeta } from '../board/docLayout'

export class BoardSchemaError extends Error {
  constructor(
    message: string,
    /** True when the board was written by a newer version of the app: reload to update. */
    readonly newerVersion: boolean,
  ) {
    super(message)
    this.name = 'BoardSchemaError'
  }
}

export interface StoreDocBinding {
  /** Writes pending local changes now. */
  flush(): void
  dispose(): void
}

export interface BindOptions {
  store: TLStore
  doc: Y.Doc
  flushIntervalMs?: number
  /** Called for remote records that fail validation; they are skipped, not applied. */
  onInvalidRecord?(record: unknown, error: unknown): void
  /**
   * Which of the store's records live in this doc (default: all). With two bindings on one
   * store — the board's doc and a private round's doc — each owns its own records, and a
   * record that changes owner (a private note made public) moves from one doc to the other.
   */
  owns?(record: TLRecord): boolean
}

type RecordChange =
  | { action: 'add'; newValue: TLRecord }
  | { action: 'update'; oldValue: TLRecord; newValue: TLRecord }
  | { action: 'delete'; oldValue: TLRecord }

export function bindStoreToDoc({ store, doc, flushIntervalMs = 40, onInvalidRecord, owns = () => true }: BindOptions): StoreDocBinding {
  const records = openRecordStore(doc)
  const bindingOrigin = { binding: 'tldraw' }

  loadDocIntoStore(store, doc, records, bindingOrigin, onInvalidRecord, owns)

  // ---- local → doc -------------------------------------------------------------------------
  const pending = new Map<TLRecord['id'], TLRecord | null>()
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastFlush = 0

  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (pending.size === 0) return
    lastFlush = Date.now()
    const batch = [...pending]
    pending.clear()
    doc.transact(() => {
      for (const [id, record] of batch) {
        if (record) records.set(id, record)
        else records.delete(id)
      }
    }, bindingOrigin)
  }

  const stopListening = store.listen(
    ({ changes }) => {
      for (const record of Object.values(changes.added)) if (owns(record)) pending.set(record.id, record)
      for (const [from, to] of Object.values(changes.updated)) {
        if (owns(to)) pending.set(to.id, to)
        else if (owns(from)) pending.set(from.id, null) // moved to another doc
      }
      for (const record of Object.values(changes.removed)) if (owns(record)) pending.set(record.id, null)
      if (pending.size > 0 && !timer) timer = setTimeout(flush, Math.max(0, lastFlush + flushIntervalMs - Date.now()))
    },
    { source: 'user', scope: 'document' },
  )

  // ---- doc → local -------------------------------------------------------------------------
  const onChange = (changes: Map<string, RecordChange>, transaction: Y.Transaction) => {
    if (transaction.origin === bindingOrigin) return
    const toRemove: TLRecord['id'][] = []
    const toPut: TLRecord[] = []
    changes.forEach((change, id) => {
      // A record with an unflushed local change keeps its local version: the next flush writes
      // that version over this one in the doc, so taking the remote one now would leave this
      // store apart from the doc (and from every other client) until the record changed again.
      if (pending.has(id as TLRecord['id'])) return
      if (change.action === 'delete') {
        // Gone from this doc; but if the store's record has moved to another doc, it stays.
        const current = store.get(id as TLRecord['id'])
        if (current && owns(current)) toRemove.push(id as TLRecord['id'])
      } else {
        const record = records.get(id)
        if (record) toPut.push(record)
      }
    })
    mergeRemote(store, toPut, toRemove, onInvalidRecord)
  }
  records.on('change', onChange)

  return {
    flush,
    dispose() {
      flush()
      stopListening()
      records.off('change', onChange)
    },
  }
}

/**
 * Puts remote records into the store one by one, so one invalid record (from a buggy or
 * hostile client) is skipped instead of failing the whole batch.
 */
function mergeRemote(store: TLStore, toPut: TLRecord[], toRemove: TLRecord['id'][], onInvalidRecord: BindOptions['onInvalidRecord']) {
  if (toPut.length === 0 && toRemove.length === 0) return
  store.mergeRemoteChanges(() => {
    if (toRemove.length) store.remove(toRemove)
    for (const record of toPut) {
      try {
        store.schema.validateRecord(store, record, 'updateRecord', store.get(record.id) ?? null)
        store.put([record])
      } catch (error) {
        onInvalidRecord?.(record, error)
      }
    }
  })
}

/**
 * Loads the doc's records into the store, migrating them if the board was written with an
 * older schema (and writing the migrated records back, so the next client need not).
 */
function loadDocIntoStore(
  store: TLStore,
  doc: Y.Doc,
  records: ReturnType<typeof openRecordStore>,
  origin: object,
  onInvalidRecord: BindOptions['onInvalidRecord'],
  owns: (record: TLRecord) => boolean,
) {
  const ourSchema = store.schema.serialize()
  const { schema: theirSchema } = readBoardMeta(doc)
  const stored = readRecords(doc)
  if (stored.size === 0) {
    // An empty doc (a fresh board from a third-party client): seed it from the store.
    doc.transact(() => {
      for (const record of store.allRecords()) {
        if (store.scopedTypes.document.has(record.typeName) && owns(record)) records.set(record.id, record)
      }
      writeBoardMeta(doc, { schema: ourSchema })
    }, origin)
    return
  }
  if (!theirSchema) throw new BoardSchemaError('The board has records but no schema.', false)
  const migrations = store.schema.getMigrationsSince(theirSchema)
  if (!migrations.ok) {
    throw new BoardSchemaError('This board was saved by a newer version of Strategitavlan. Reload the page.', true)
  }
  const result = store.schema.migrateStoreSnapshot({
    schema: theirSchema,
    store: Object.fromEntries(stored) as Record<TLRecord['id'], TLRecord>,
  })
  if (result.type === 'error') {
    throw new BoardSchemaError(`The board could not be migrated (${result.reason}).`, result.reason === 'target-version-too-old')
  }
  if (migrations.value.length > 0) {
    doc.transact(() => {
      for (const id of stored.keys()) {
        if (!(id in result.value)) records.delete(id)
      }
      for (const record of Object.values(result.value)) records.set(record.id, record)
      writeBoardMeta(doc, { schema: ourSchema })
    }, origin)
  }
  mergeRemote(store, Object.values(result.value), [], onInvalidRecord)
}
