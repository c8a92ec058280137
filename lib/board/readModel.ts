/**
 * The read model: a board as the planning model sees it — steps, their areas, and the notes in
 * each area — computed from the Y.Doc alone. Exports, the outline view and the phone page use
 * this instead of tldraw.
 */
import type * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import type { Locale } from '../i18n/locales'
import { STEPS, areasOfStep, type AreaId, type Perspective, type StepNumber } from '../planning/planningModel'
import { areaOfPoint, isNoteShape, noteCentre, zonesOf } from './areaOfPoint'
import { readRecords } from './docLayout'
import { readNoteMeta, type NoteOrigin } from './noteMeta'
import { plainTextFromRichText } from './richText'
import { isCommitmentShape, isThemeShape, type CommitmentSource, type CommitmentStatus } from './planShapes'

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
  /** The theme the note is grouped in, or null. */
  themeId: string | null
  /** Set on a copy promoted from a branch's board (planning rounds). */
  origin?: NoteOrigin
}

export interface ThemeView {
  id: string
  title: string
  areaId: AreaId | null
  /** The theme's notes in reading order. */
  noteIds: string[]
  x: number
  y: number
}

export interface CommitmentView {
  id: string
  text: string
  areaId: AreaId | null
  owner: string
  ownerId: string
  due: string
  indicator: string
  sources: CommitmentSource[]
  status: CommitmentStatus | ''
  statusComment: string
  carried: boolean
  x: number
  y: number
}

export interface AreaView {
  id: AreaId
  title: string
  question: string
  notes: NoteView[]
  themes: ThemeView[]
  commitments: CommitmentView[]
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
  /** Themes and commitments placed outside every area's zone. */
  unplacedThemes: ThemeView[]
  unplacedCommitments: CommitmentView[]
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
  const themes: ThemeView[] = []
  const commitments: CommitmentView[] = []
  const themeIds = new Set(all.filter(isThemeShape).map((theme) => theme.id as string))
  for (const record of all) {
    if (isThemeShape(record)) {
      const centre = { x: record.x + record.props.w / 2, y: record.y + record.props.h / 2 }
      themes.push({ id: record.id, title: record.props.title, areaId: areaOfPoint(zones, centre), noteIds: [], x: record.x, y: record.y })
      continue
    }
    if (isCommitmentShape(record)) {
      const p = record.props
      const centre = { x: record.x + p.w / 2, y: record.y + p.h / 2 }
      commitments.push({
        id: record.id,
        text: p.text,
        areaId: areaOfPoint(zones, centre),
        owner: p.owner,
        ownerId: p.ownerId,
        due: p.due,
        indicator: p.indicator,
        sources: p.sources.map((source) => ({ ...source })),
        status: p.status,
        statusComment: p.statusComment,
        carried: p.carried,
        x: record.x,
        y: record.y,
      })
      continue
    }
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
      themeId: themeIds.has(record.parentId) ? record.parentId : null,
      ...(meta.origin ? { origin: meta.origin } : {}),
    })
  }
  // Reading order inside an area: top to bottom, then left to right.
  notes.sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))

  const byArea = groupByArea(notes)
  const themeById = new Map(themes.map((theme) => [theme.id, theme]))
  for (const note of notes) if (note.themeId) themeById.get(note.themeId)?.noteIds.push(note.id)
  const inReadingOrder = <T extends { x: number; y: number; id: string }>(items: T[]) =>
    items.sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id))
  const themesByArea = groupByArea(inReadingOrder(themes))
  const commitmentsByArea = groupByArea(inReadingOrder(commitments))

  return {
    name: documentRecord && 'name' in documentRecord ? String(documentRecord.name) : '',
    steps: STEPS.map((step) => ({
      number: step.number,
      perspective: step.perspective,
      title: step.title[locale],
      areas: areasOfStep(step.number).map((area) => ({
        id: area.id,
        title: area.title[locale],
        question: area.question[locale],
        notes: byArea.get(area.id) ?? [],
        themes: themesByArea.get(area.id) ?? [],
        commitments: commitmentsByArea.get(area.id) ?? [],
      })),
    })),
    unplaced: byArea.get(null) ?? [],
    unplacedThemes: themesByArea.get(null) ?? [],
    unplacedCommitments: commitmentsByArea.get(null) ?? [],
    noteCount: notes.length,
  }
}

function groupByArea<T extends { areaId: AreaId | null }>(items: readonly T[]): Map<AreaId | null, T[]> {
  const byArea = new Map<AreaId | null, T[]>()
  for (const item of items) {
    const list = byArea.get(item.areaId) ?? []
    list.push(item)
    byArea.set(item.areaId, list)
  }
  return byArea
}
