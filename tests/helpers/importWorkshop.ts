/**
 * A board with chosen notes, made the way a facilitator would bring one in: a backup file
 * (the planning-model template with the notes laid out in their zones) posted to
 * `/api/boards/import` by a signed-in staff member, who becomes its facilitator.
 */
import type { APIRequestContext } from 'playwright-core'
import { createShapeId, type TLNoteShape, type TLRecord, type TLShape } from '@tldraw/tlschema'
import type { IndexKey } from '@tldraw/utils'
import { buildThemeRecord, THEME_HEADER, THEME_PADDING } from '../../lib/board/planRecords'
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../lib/export/backup'
import { boardSchema } from '../../lib/board/schema'
import { TEMPLATE_VERSION, buildTemplateRecords, type TemplateNote } from '../../lib/board/template'
import type { SessionState } from '../../lib/board/session'
import { AREAS } from '../../lib/planning/planningModel'
import { PLANNING_MODEL_VERSION } from '../../lib/planning/planningModel'

export interface WorkshopOptions {
  name: string
  notes: TemplateNote[]
  session?: Partial<SessionState>
  votes?: Record<string, { n: number; who?: string }>
  /** Further records (e.g. tldraw's `user:` records), added as they are. */
  extraRecords?: TLRecord[]
  /** Changes a note's record after it is laid out (e.g. tldraw's `textFirstEditedBy`). */
  editNote?(note: TLNoteShape, index: number): TLNoteShape
  /** Notes swap places with each other (still each in a free place, no longer in order). */
  shuffled?: boolean
  /** Themes, each holding one note (its index in `notes`) where the note was laid out. */
  themes?: { title: string; note: number }[]
}

/** Posts the workshop as a backup; returns the new board's id. */
export async function importWorkshop(request: APIRequestContext, baseUrl: string, options: WorkshopOptions): Promise<string> {
  const backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date().toISOString(),
    board: { name: options.name, locale: 'sv' },
    templateVersion: TEMPLATE_VERSION,
    planningModelVersion: PLANNING_MODEL_VERSION,
    schema: boardSchema.serialize(),
    records: [
      ...themed(
        shuffle(
          buildTemplateRecords({ name: options.name, locale: 'sv', includeStarterNotes: false, notes: options.notes }),
          options.shuffled,
        ).map((record) =>
          record.typeName === 'shape' && record.type === 'note' && options.editNote
            ? options.editNote(record as TLNoteShape, Number(record.id.replace('shape:note-', '')) - 1)
            : record,
        ),
        options.themes ?? [],
      ),
      ...(options.extraRecords ?? []),
    ],
    session: options.session ?? {},
    votes: options.votes ?? {},
  }
  const response = await request.post(`${baseUrl}/api/boards/import`, {
    data: JSON.stringify(backup),
    headers: { 'content-type': 'application/json', origin: baseUrl },
  })
  if (response.status() !== 201) throw new Error(`import failed: HTTP ${response.status()} ${await response.text()}`)
  return ((await response.json()) as { id: string }).id
}

/** `count` notes spread over the eight areas in turn, with numbered texts of workshop length. */
export function workshopNotes(count: number): TemplateNote[] {
  return Array.from({ length: count }, (_, i) => ({
    area: AREAS[i % AREAS.length].id,
    text: `Idé ${i + 1}: ${['Fler språkcaféer på filialerna', 'Öppna biblioteket tidigare på lördagar', 'Låna ut verktyg och symaskiner', 'Samarbeta med skolorna om läsfrämjande', 'Digital handledning för äldre'][i % 5]}`,
  }))
}

/** Each theme takes its note's place on the page, and the note its first place in the theme. */
function themed(records: TLRecord[], themes: { title: string; note: number }[]): TLRecord[] {
  const out = [...records]
  themes.forEach((theme, i) => {
    const at = out.findIndex((r) => r.id === createShapeId(`note-${theme.note + 1}`))
    const note = out[at] as TLNoteShape
    const record = buildThemeRecord({
      id: createShapeId(`theme-${i + 1}`),
      x: note.x - THEME_PADDING,
      y: note.y - THEME_HEADER,
      title: theme.title,
      index: note.index,
    })
    out[at] = { ...note, parentId: record.id, x: THEME_PADDING, y: THEME_HEADER, index: 'a1' as IndexKey }
    out.push(record)
  })
  return out
}

/** Each note takes the place of the note seven further on (same sizes, so nothing overlaps). */
function shuffle(records: TLRecord[], shuffled = false): TLRecord[] {
  if (!shuffled) return records
  const notes = records.filter((r) => r.typeName === 'shape' && r.type === 'note') as TLShape[]
  const places = notes.map((n) => ({ x: n.x, y: n.y }))
  const moved = new Map(notes.map((n, i) => [n.id, { ...n, ...places[(i + 7) % places.length] }]))
  return records.map((r) => moved.get(r.id as TLShape['id']) ?? r)
}
