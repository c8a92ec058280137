/**
 * The read model: a board as the planning model sees it — steps, their areas, and the notes in
 * each area — computed from the Y.Doc alone. Exports, the outline view and the phone page use
 * this instead of tldraw.
 */
import type * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import type { Locale } from '../i18n/locales'
import { AREAS, STEPS, type AreaId, type Perspective, type StepNumber } from '../planning/planningModel'
import { areaOfPoint, isNoteShape, noteCentre, zonesOf } from './areaOfPoint'
import { readRecords } from './docLayout'
import { readNoteMeta } from './noteMeta'
import { plainTextFromRichText } from './richText'

export interface NoteView {
  id: string
  text: string
  areaId: AreaId | null
  color: string
  x: number
  y: number
  createdAt?: number
  createdBy?: { id: string; name: string }
  updatedAt?: number
  starter: boolean
}

export interface AreaView {
  id: AreaId
  title: string
  question: string
  notes: NoteView[]
}

export interface StepView {
  number: StepNumber
  perspective: Perspective
  title: string
  areas: AreaView[]
}

export interface BoardView {
  name: string
  steps: StepView[]
  /** Notes placed outside every area's zone. */
  unplaced: NoteView[]
  noteCount: number
}

export function readBoard(doc: Y.Doc, locale: Locale): BoardView {
  return readBoardRecords(readRecords(doc).values(), locale)
}

export function readBoardRecords(records: Iterable<TLRecord>, locale: Locale): BoardView {
  const all = [...records]
  const zones = zonesOf(all)
  const documentRecord = all.find((r) => r.typeName === 'document')
  const notes: NoteView[] = []
  for (const record of all) {
    if (!isNoteShape(record)) continue
    const text = plainTextFromRichText(record.props.richText)
    // An empty note (left by Esc on a new one) is no idea: it neither counts nor exports.
    if (text.trim() === '') continue
    const meta = readNoteMeta(record.meta)
    const onPage = record.parentId.startsWith('page:')
    const hasStoredArea = record.meta && Object.hasOwn(record.meta, 'areaId')
    const areaId = hasStoredArea || !onPage ? meta.areaId : areaOfPoint(zones, noteCentre(record))
    notes.push({
      id: record.id,
      text,
      areaId,
      color: record.props.color,
      x: record.x,
      y: record.y,
      createdAt: meta.createdAt,
      createdBy: meta.createdBy,
      updatedAt: meta.updatedAt,
      starter: meta.starter === true,
    })
  }
  // Reading order inside an area: top to bottom, then left to right.
  notes.sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))

  const byArea = new Map<AreaId | null, NoteView[]>()
  for (const note of notes) {
    const list = byArea.get(note.areaId) ?? []
    list.push(note)
    byArea.set(note.areaId, list)
  }

  return {
    name: documentRecord && 'name' in documentRecord ? String(documentRecord.name) : '',
    steps: STEPS.map((step) => ({
      number: step.number,
      perspective: step.perspective,
      title: step.title[locale],
      areas: AREAS.filter((a) => a.step === step.number).map((area) => ({
        id: area.id,
        title: area.title[locale],
        question: area.question[locale],
        notes: byArea.get(area.id) ?? [],
      })),
    })),
    unplaced: byArea.get(null) ?? [],
    noteCount: notes.length,
  }
}
