/**
 * Records from outside (a backup file) checked the way tldraw checks its own store: migrated
 * from the file's schema to the board's, then each one validated by its record type. Only
 * document-scoped records are accepted; a board has one document record and its page.
 */
import type { SerializedSchema, SerializedSchemaV2 } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import { boardSchema } from '../board/schema'
import { absurdGeometry } from '../board/shapeBounds'

export type ValidatedRecords = { ok: true; records: TLRecord[] } | { ok: false; newer: boolean; detail: string }

export function validateRecords(input: readonly Record<string, unknown>[], schema: SerializedSchemaV2): ValidatedRecords {
  const ours = boardSchema.serialize().sequences
  for (const [sequence, version] of Object.entries(schema.sequences ?? {})) {
    if (Object.hasOwn(ours, sequence) && version > ours[sequence]) {
      return { ok: false, newer: true, detail: `records from a newer schema (${sequence} ${version})` }
    }
  }
  const store: Record<string, TLRecord> = {}
  for (const record of input) {
    const id = record.id
    if (typeof id !== 'string' || typeof record.typeName !== 'string') {
      return { ok: false, newer: false, detail: 'a record without an id or typeName' }
    }
    if (Object.hasOwn(store, id)) return { ok: false, newer: false, detail: `record ${id} appears twice` }
    store[id] = record as unknown as TLRecord
  }
  const migrated = boardSchema.migrateStoreSnapshot({ store, schema: schema as SerializedSchema })
  if (migrated.type === 'error') return { ok: false, newer: false, detail: `records cannot be migrated (${migrated.reason})` }

  const records: TLRecord[] = []
  for (const record of Object.values(migrated.value)) {
    const type = (boardSchema.types as Record<string, (typeof boardSchema.types)[keyof typeof boardSchema.types] | undefined>)[
      record.typeName
    ]
    if (!type || !Object.hasOwn(boardSchema.types, record.typeName)) {
      return { ok: false, newer: false, detail: `unknown record type "${record.typeName}"` }
    }
    if (type.scope !== 'document') return { ok: false, newer: false, detail: `record ${record.id} is not part of a document` }
    try {
      records.push(type.validate(record) as TLRecord)
    } catch (error) {
      return { ok: false, newer: false, detail: `record ${record.id}: ${(error as Error).message}` }
    }
    const absurd = record.typeName === 'shape' ? absurdGeometry(record) : null
    if (absurd) return { ok: false, newer: false, detail: `record ${record.id}: ${absurd}` }
  }
  const count = (typeName: string) => records.filter((r) => r.typeName === typeName).length
  if (count('document') !== 1) return { ok: false, newer: false, detail: 'a board has exactly one document record' }
  if (count('page') < 1) return { ok: false, newer: false, detail: 'a board has a page' }
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { ok: true, records }
}
