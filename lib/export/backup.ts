/**
 * The board backup: a versioned JSON file holding everything needed to rebuild a board —
 * its name and language, the template and planning-model versions, the tldraw schema, every
 * record, the facilitation state and the votes. The format is documented in docs/backup.md.
 *
 * `parseBackup` is the only way in: it refuses anything it cannot prove sound (size, JSON,
 * format and version, unknown fields, prototype-pollution keys, records that fail the board's
 * tldraw schema) with a code the UI can translate, and touches nothing.
 */
import { z } from 'zod'
import type { SerializedSchema, SerializedSchemaV2 } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import type { BoardContent } from '../board/boardContent'
import { DEFAULT_SESSION } from '../board/session'
import { boardSchema } from '../board/schema'
import { TEMPLATE_VERSION } from '../board/template'
import { LOCALES, type Locale } from '../i18n/locales'
import { PLANNING_MODEL_VERSION } from '../planning/planningModel'
import { inertJson } from './reportJson'
import { validateRecords } from './validateRecords'

export const BACKUP_FORMAT = 'strategitavlan-backup'
/**
 * Version 2 adds themes and commitments among the records and `continues`; version 1 files
 * still import (they simply have neither).
 */
export const BACKUP_VERSION = 2
/** Larger files are refused before they are parsed. A 1,000-note board is about 0.9 MB. */
export const BACKUP_MAX_BYTES = 8 * 1024 * 1024
export const BACKUP_MAX_RECORDS = 20_000

export interface Backup {
  format: typeof BACKUP_FORMAT
  version: 1 | typeof BACKUP_VERSION
  exportedAt: string
  board: { name: string; locale: Locale }
  templateVersion: number
  planningModelVersion: number
  schema: SerializedSchema
  records: TLRecord[]
  session: Record<string, unknown>
  votes: Record<string, { n: number; who?: string }>
  /** The board whose plan this board follows up (version 2). */
  continues?: { boardId: string; name: string }
}

export type BackupErrorCode = 'too-large' | 'not-json' | 'wrong-format' | 'newer-version' | 'unsafe' | 'invalid'

export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; code: BackupErrorCode; detail: string }

export function createBackup(content: BoardContent, board: { name: string; locale: Locale }, exportedAt: number): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(exportedAt).toISOString(),
    board: { name: board.name, locale: board.locale },
    templateVersion: content.meta.templateVersion ?? TEMPLATE_VERSION,
    planningModelVersion: content.meta.planningModelVersion ?? PLANNING_MODEL_VERSION,
    schema: content.meta.schema ?? boardSchema.serialize(),
    records: content.records,
    session: content.session,
    votes: content.votes as Backup['votes'],
    ...(content.meta.continues ? { continues: content.meta.continues } : {}),
  }
}

/** Pretty JSON with `<`, `>` and `&` as \u escapes, so the file is never mistaken for markup. */
export function serializeBackup(backup: Backup): string {
  return inertJson(backup, 1)
}

/** The backup as the content of a new board (records migrated to the current schema). */
export function backupContent(backup: Backup): BoardContent {
  return {
    meta: {
      schema: boardSchema.serialize(),
      templateVersion: backup.templateVersion,
      planningModelVersion: backup.planningModelVersion,
      ...(backup.continues ? { continues: backup.continues } : {}),
    },
    records: backup.records,
    session: backup.session,
    votes: backup.votes,
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const SESSION_KEYS = Object.keys(DEFAULT_SESSION) as [string, ...string[]]

const Envelope = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.union([z.literal(1), z.literal(BACKUP_VERSION)]),
  exportedAt: z.iso.datetime(),
  board: z.strictObject({ name: z.string().trim().min(1).max(120), locale: z.enum(LOCALES) }),
  templateVersion: z.number().int().min(1).max(TEMPLATE_VERSION),
  planningModelVersion: z.number().int().min(1).max(PLANNING_MODEL_VERSION),
  schema: z.strictObject({ schemaVersion: z.literal(2), sequences: z.record(z.string(), z.number().int().min(0)) }),
  records: z.array(z.record(z.string(), z.unknown())).max(BACKUP_MAX_RECORDS),
  session: z.partialRecord(z.enum(SESSION_KEYS), z.unknown()),
  votes: z.record(
    z.string().regex(/^[^/]+\/[^/]+\/.+$/, 'a vote key is <round>/<voter>/<note>'),
    z.strictObject({ n: z.number().int().min(1).max(99), who: z.string().max(200).optional() }),
  ),
  continues: z.strictObject({ boardId: z.string().min(1).max(100), name: z.string().max(200) }).optional(),
})

const fail = (code: BackupErrorCode, detail: string): ParsedBackup => ({ ok: false, code, detail })

/** The text's size in UTF-8, encoding it only when its length alone cannot tell (1–3 bytes a unit). */
function utf8Length(text: string): number {
  if (text.length > BACKUP_MAX_BYTES || text.length * 3 <= BACKUP_MAX_BYTES) return text.length
  return new TextEncoder().encode(text).byteLength
}

/** Reads and checks a backup file's text. Nothing is changed anywhere, whatever the outcome. */
export function parseBackup(text: string): ParsedBackup {
  if (utf8Length(text) > BACKUP_MAX_BYTES) {
    return fail('too-large', `larger than ${BACKUP_MAX_BYTES} bytes`)
  }
  let unsafeKey: string | null = null
  let json: unknown
  try {
    json = JSON.parse(text, function (key, value) {
      if (FORBIDDEN_KEYS.has(key)) unsafeKey = key
      return value
    })
  } catch (error) {
    return fail('not-json', (error as Error).message)
  }
  if (unsafeKey) return fail('unsafe', `the key "${unsafeKey}" is not allowed`)
  if (!json || typeof json !== 'object' || Array.isArray(json) || (json as { format?: unknown }).format !== BACKUP_FORMAT) {
    return fail('wrong-format', `expected "format": "${BACKUP_FORMAT}"`)
  }
  const { version, templateVersion, planningModelVersion } = json as Record<string, unknown>
  if (typeof version === 'number' && version > BACKUP_VERSION) return fail('newer-version', `backup version ${version}`)
  if (typeof templateVersion === 'number' && templateVersion > TEMPLATE_VERSION) {
    return fail('newer-version', `template version ${templateVersion}`)
  }
  if (typeof planningModelVersion === 'number' && planningModelVersion > PLANNING_MODEL_VERSION) {
    return fail('newer-version', `planning model version ${planningModelVersion}`)
  }
  const envelope = Envelope.safeParse(json)
  if (!envelope.success) {
    const issue = envelope.error.issues[0]
    return fail('invalid', `${issue.path.join('.') || 'file'}: ${issue.message}`)
  }
  const records = validateRecords(envelope.data.records, envelope.data.schema as SerializedSchemaV2)
  if (!records.ok) return fail(records.newer ? 'newer-version' : 'invalid', records.detail)
  return { ok: true, backup: { ...envelope.data, schema: boardSchema.serialize(), records: records.records } as Backup }
}
