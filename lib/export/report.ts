/**
 * The structured report of a board: the planning model's steps and areas with their notes,
 * most-voted first, in one language. Markdown, CSV and JSON are all written from this one
 * value, so the three formats never disagree. Pure: the caller reads the document.
 */
import type { BoardView, NoteView } from '../board/readModel'
import type { Locale } from '../i18n/locales'
import { PLANNING_MODEL_VERSION, getStep, type AreaId, type Perspective, type StepNumber } from '../planning/planningModel'

export const REPORT_FORMAT = 'strategitavlan-report'
/** Bumped when a field of {@link Report} changes meaning or is removed. */
export const REPORT_VERSION = 1

/** What the report needs from the board beyond its notes: votes and whether it is anonymous. */
export interface ReportFacts {
  /** Votes per note id (notes without votes may be absent). */
  votes: ReadonlyMap<string, number>
  /** An anonymous board's report names no authors. */
  anonymous: boolean
  /**
   * Leaves authors out though the board is not anonymous: the facilitator hides them on the
   * board, and the reader is not a facilitator (what the board does not show, its export does
   * not tell).
   */
  withoutAuthors?: boolean
}

export interface ReportNote {
  id: string
  text: string
  areaId: AreaId | null
  color: string
  votes: number
  /** Null on an anonymous board, when authors are hidden from the reader, or when unknown. */
  author: string | null
  createdAt: number | null
  updatedAt: number | null
}

export interface ReportArea {
  id: AreaId
  title: string
  question: string
  notes: ReportNote[]
}

export interface ReportStep {
  number: StepNumber
  perspective: Perspective
  title: string
  summary: string
  questions: string[]
  areas: ReportArea[]
}

export interface Report {
  format: typeof REPORT_FORMAT
  version: typeof REPORT_VERSION
  planningModelVersion: number
  generatedAt: number
  locale: Locale
  board: { id: string; name: string; anonymous: boolean }
  noteCount: number
  voteCount: number
  steps: ReportStep[]
  /** Notes outside every area. */
  unplaced: ReportNote[]
}

export interface ReportOptions {
  boardId: string
  /** The board's name as stored with the board (the document's own name may lag a rename). */
  boardName: string
  locale: Locale
  generatedAt: number
}

/** Most votes first; equal votes keep the read model's reading order (top to bottom). */
function byVotes(notes: ReportNote[]): ReportNote[] {
  return notes
    .map((note, order) => ({ note, order }))
    .sort((a, b) => b.note.votes - a.note.votes || a.order - b.order)
    .map(({ note }) => note)
}

export function buildReport(view: BoardView, facts: ReportFacts, options: ReportOptions): Report {
  const toNote = (note: NoteView): ReportNote => ({
    id: note.id,
    text: note.text,
    areaId: note.areaId,
    color: note.color,
    votes: facts.votes.get(note.id) ?? 0,
    author: facts.anonymous || facts.withoutAuthors ? null : (note.createdBy?.name ?? null),
    createdAt: note.createdAt ?? null,
    updatedAt: note.updatedAt ?? null,
  })
  const steps = view.steps.map((step) => {
    const model = getStep(step.number)
    return {
      number: step.number,
      perspective: step.perspective,
      title: step.title,
      summary: model.summary[options.locale],
      questions: model.questions.map((q) => q[options.locale]),
      areas: step.areas.map((area) => ({
        id: area.id,
        title: area.title,
        question: area.question,
        notes: byVotes(area.notes.map(toNote)),
      })),
    }
  })
  const unplaced = byVotes(view.unplaced.map(toNote))
  const all = [...steps.flatMap((s) => s.areas.flatMap((a) => a.notes)), ...unplaced]
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    planningModelVersion: PLANNING_MODEL_VERSION,
    generatedAt: options.generatedAt,
    locale: options.locale,
    board: { id: options.boardId, name: options.boardName, anonymous: facts.anonymous },
    noteCount: all.length,
    voteCount: all.reduce((sum, note) => sum + note.votes, 0),
    steps,
    unplaced,
  }
}

/** Every note of the report in its order: step by step, area by area, then the unplaced. */
export function reportNotes(report: Report): { step: ReportStep | null; area: ReportArea | null; note: ReportNote }[] {
  const rows: { step: ReportStep | null; area: ReportArea | null; note: ReportNote }[] = []
  for (const step of report.steps) {
    for (const area of step.areas) for (const note of area.notes) rows.push({ step, area, note })
  }
  for (const note of report.unplaced) rows.push({ step: null, area: null, note })
  return rows
}

/** Minutes precision, in UTC, as spreadsheets and plans read it: `2026-11-29 14:05`. */
export function formatReportTime(epochMs: number | null): string {
  if (epochMs === null) return ''
  return new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')
}
