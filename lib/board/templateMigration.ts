/**
 * Bringing a board's template up to {@link TEMPLATE_VERSION}. Version 2 added the tray and the
 * map that re-flows as zones grow: an older board gets the tray and its map laid out again
 * around its zones, every note keeping its area and its place in its zone. Run where a board
 * enters the server: when its room loads (the layout keeper) and when a backup is imported.
 */
import type * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { arrangeRecords } from './arrangeRecords'
import type { BoardContent } from './boardContent'
import { readBoardMeta, readRecords, setRecords, writeBoardMeta } from './docLayout'
import { TEMPLATE_VERSION } from './template'

/** Whether a board of this template version needs migrating. */
export function needsTemplateMigration(version: number | undefined): boolean {
  return (version ?? 1) < TEMPLATE_VERSION
}

/**
 * A board's content arranged by the board's layout (every note in a free place in its zone;
 * the map re-flowed when its template is older), at the current template version.
 */
export function arrangedContent(content: BoardContent): BoardContent {
  const records = new Map<string, TLRecord>(content.records.map((record) => [record.id, record]))
  const reflow = needsTemplateMigration(content.meta.templateVersion)
  for (const record of arrangeRecords(records, { reflow })) records.set(record.id, record)
  return { ...content, meta: { ...content.meta, templateVersion: TEMPLATE_VERSION }, records: [...records.values()] }
}

/** Migrates a live board document in the caller's transaction; true when it changed. */
export function migrateTemplate(doc: Y.Doc): boolean {
  if (!needsTemplateMigration(readBoardMeta(doc).templateVersion)) return false
  setRecords(doc, arrangeRecords(readRecords(doc), { reflow: true, movable: () => false }))
  writeBoardMeta(doc, { templateVersion: TEMPLATE_VERSION })
  return true
}
