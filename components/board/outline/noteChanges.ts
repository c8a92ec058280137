/**
 * Remote changes to notes, as a screen reader should hear them: one sentence per burst. A
 * person typing on the canvas sends a change per keystroke, so changes are collected per note
 * (the latest text wins, a note added and removed in one burst is no news) and then described
 * once — the note itself when it is one, a count per kind when there are several.
 */
import type { RecordsDiff, TLRecord } from 'tldraw'
import { isNoteShape } from '@/lib/board/areaOfPoint'
import { readNoteMeta } from '@/lib/board/noteMeta'
import { plainTextFromRichText } from '@/lib/board/richText'
import type { Locale } from '@/lib/i18n/locales'
import type { MessageKey, Translate } from '@/lib/i18n/messages'
import { getArea, type AreaId } from '@/lib/planning/planningModel'

export type NoteChangeKind = 'added' | 'edited' | 'moved' | 'removed'

export interface NoteChange {
  kind: NoteChangeKind
  text: string
  areaId: AreaId | null
}

/** The longest stretch of a note's text read out; the rest is in the outline. */
const SPOKEN_TEXT_LENGTH = 80

const textOf = (record: TLRecord) => (isNoteShape(record) ? plainTextFromRichText(record.props.richText) : '')
const areaOf = (record: TLRecord) => readNoteMeta(record.meta).areaId

/** The note changes in one store diff, by note id. Moves within an area are not news. */
export function noteChangesOf(diff: RecordsDiff<TLRecord>): Map<string, NoteChange> {
  const changes = new Map<string, NoteChange>()
  for (const record of Object.values(diff.added)) {
    if (isNoteShape(record)) changes.set(record.id, { kind: 'added', text: textOf(record), areaId: areaOf(record) })
  }
  for (const [before, after] of Object.values(diff.updated)) {
    if (!isNoteShape(after)) continue
    const text = textOf(after)
    const areaId = areaOf(after)
    if (areaId !== areaOf(before)) changes.set(after.id, { kind: 'moved', text, areaId })
    else if (text !== textOf(before)) changes.set(after.id, { kind: 'edited', text, areaId })
  }
  for (const record of Object.values(diff.removed)) {
    if (isNoteShape(record)) changes.set(record.id, { kind: 'removed', text: textOf(record), areaId: areaOf(record) })
  }
  return changes
}

/** Folds newer changes into a burst: what a listener should hear about each note at the end. */
export function mergeNoteChanges(burst: Map<string, NoteChange>, newer: Map<string, NoteChange>): void {
  for (const [id, change] of newer) {
    const earlier = burst.get(id)
    if (!earlier) {
      burst.set(id, change)
    } else if (earlier.kind === 'added') {
      // Still news as a new note, with its latest text and place; gone again, no news at all.
      if (change.kind === 'removed') burst.delete(id)
      else burst.set(id, { ...change, kind: 'added' })
    } else if (change.kind === 'removed' || change.kind === 'moved') {
      burst.set(id, change)
    } else {
      // An edit after a move is still news of the move, now with the latest text.
      burst.set(id, { ...change, kind: earlier.kind })
    }
  }
}

const ONE: Record<NoteChangeKind, MessageKey> = {
  added: 'outline.live.added',
  edited: 'outline.live.edited',
  moved: 'outline.live.moved',
  removed: 'outline.live.removed',
}
const PART: Record<NoteChangeKind, MessageKey> = {
  added: 'outline.live.partAdded',
  edited: 'outline.live.partEdited',
  moved: 'outline.live.partMoved',
  removed: 'outline.live.partRemoved',
}
const ORDER: NoteChangeKind[] = ['added', 'edited', 'moved', 'removed']

export function spokenNoteText(text: string, t: Translate): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (!flat) return t('outline.emptyNote')
  return flat.length > SPOKEN_TEXT_LENGTH ? `${flat.slice(0, SPOKEN_TEXT_LENGTH - 1)}…` : flat
}

/** One sentence for a burst of changes, or null when there is nothing to say. */
export function describeNoteChanges(changes: readonly NoteChange[], t: Translate, locale: Locale): string | null {
  if (changes.length === 0) return null
  if (changes.length === 1) {
    const [change] = changes
    const area = change.areaId ? getArea(change.areaId).title[locale] : t('board.noteNoArea')
    return t(ONE[change.kind], { area, note: spokenNoteText(change.text, t) })
  }
  const parts = ORDER.map((kind) => ({ kind, count: changes.filter((c) => c.kind === kind).length }))
    .filter((part) => part.count > 0)
    .map((part) => t(PART[part.kind], { count: part.count }))
  return t('outline.live.many', { count: changes.length, parts: parts.join(', ') })
}
