/**
 * The plan of a board: per step and area, the commitments (what will be done, who owns it, by
 * when, how success is known), last period's commitments with their status on a board that
 * continues another, then the themes and top ideas that support them — the shape of the
 * seed's "Åtaganden ur VP 2008" lists. Markdown, Word and the printable page are all written
 * from this one value. Pure: the caller reads the document.
 */
import type { BoardView, CommitmentView, NoteView } from '../board/readModel'
import type { CommitmentSource, CommitmentStatus } from '../board/planShapes'
import type { Locale } from '../i18n/locales'
import type { AreaId, StepNumber } from '../planning/planningModel'

/** How many of an area's most-voted ideas outside themes the plan lists. */
export const TOP_IDEAS = 5

export interface PlanCommitment {
  id: string
  text: string
  owner: string
  due: string
  indicator: string
  sources: CommitmentSource[]
  status: CommitmentStatus | ''
  statusComment: string
  /**
   * In a planning round's central board: the branches whose ideas support the commitment (its
   * sources, or their notes, promoted from branch boards), in Swedish alphabetical order.
   */
  branches: string[]
}

export interface PlanTheme {
  id: string
  title: string
  /** Votes on the theme itself and on its notes. */
  votes: number
  notes: { text: string; votes: number }[]
}

export interface PlanArea {
  id: AreaId
  title: string
  question: string
  commitments: PlanCommitment[]
  /** Commitments carried over from the plan this board continues. */
  previous: PlanCommitment[]
  themes: PlanTheme[]
  topIdeas: { text: string; votes: number }[]
}

export interface PlanStep {
  number: StepNumber
  title: string
  areas: PlanArea[]
}

export interface Plan {
  board: { id: string; name: string }
  locale: Locale
  generatedAt: number
  /** The board whose plan this board follows up, if any. */
  continues: { boardId: string; name: string } | null
  steps: PlanStep[]
  commitmentCount: number
}

export interface PlanOptions {
  boardId: string
  boardName: string
  locale: Locale
  generatedAt: number
  continues?: { boardId: string; name: string } | null
}

function toCommitment(c: CommitmentView, branchesOf: (sourceId: string) => string[]): PlanCommitment {
  const branches = [...new Set(c.sources.flatMap((source) => branchesOf(source.id)))].sort((a, b) => a.localeCompare(b, 'sv'))
  return {
    id: c.id,
    text: c.text,
    owner: c.owner,
    due: c.due,
    indicator: c.indicator,
    sources: c.sources,
    status: c.status,
    statusComment: c.statusComment,
    branches,
  }
}

/** Most votes first; equal votes keep the read model's reading order. */
function byVotes<T extends { votes: number }>(items: T[]): T[] {
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => b.item.votes - a.item.votes || a.order - b.order)
    .map(({ item }) => item)
}

export function buildPlan(view: BoardView, votes: ReadonlyMap<string, number>, options: PlanOptions): Plan {
  const notesById = new Map<string, NoteView>()
  for (const step of view.steps) for (const area of step.areas) for (const note of area.notes) notesById.set(note.id, note)
  for (const note of view.unplaced) notesById.set(note.id, note)
  const votesOf = (id: string) => votes.get(id) ?? 0
  // A source is a note (promoted from a branch, or holding a copy's theme) or a theme of them.
  const themeNotes = new Map<string, string[]>()
  for (const step of view.steps) for (const area of step.areas) for (const theme of area.themes) themeNotes.set(theme.id, theme.noteIds)
  for (const theme of view.unplacedThemes) themeNotes.set(theme.id, theme.noteIds)
  const branchesOf = (sourceId: string): string[] =>
    [sourceId, ...(themeNotes.get(sourceId) ?? [])].flatMap((id) => {
      const origin = notesById.get(id)?.origin
      return origin ? [origin.branch] : []
    })

  const steps = view.steps.map((step) => ({
    number: step.number,
    title: step.title,
    areas: step.areas.map((area) => {
      const themes = byVotes(
        area.themes.map((theme) => {
          const notes = theme.noteIds.map((id) => notesById.get(id)).filter((n): n is NoteView => !!n)
          const noteVotes = notes.map((n) => ({ text: n.text, votes: votesOf(n.id) }))
          return {
            id: theme.id,
            title: theme.title,
            votes: votesOf(theme.id) + noteVotes.reduce((sum, n) => sum + n.votes, 0),
            notes: byVotes(noteVotes),
          }
        }),
      )
      const topIdeas = byVotes(
        area.notes.filter((note) => note.themeId === null).map((note) => ({ text: note.text, votes: votesOf(note.id) })),
      )
        .filter((idea) => idea.votes > 0)
        .slice(0, TOP_IDEAS)
      return {
        id: area.id,
        title: area.title,
        question: area.question,
        commitments: area.commitments.filter((c) => !c.carried).map((c) => toCommitment(c, branchesOf)),
        previous: area.commitments.filter((c) => c.carried).map((c) => toCommitment(c, branchesOf)),
        themes,
        topIdeas,
      }
    }),
  }))
  return {
    board: { id: options.boardId, name: options.boardName },
    locale: options.locale,
    generatedAt: options.generatedAt,
    continues: options.continues ?? null,
    steps,
    commitmentCount: steps.reduce((sum, s) => sum + s.areas.reduce((n, a) => n + a.commitments.length, 0), 0),
  }
}

/** Every commitment of the plan, new and carried, in the plan's order. */
export function planCommitments(plan: Plan): { area: PlanArea; commitment: PlanCommitment; carried: boolean }[] {
  return plan.steps.flatMap((step) =>
    step.areas.flatMap((area) => [
      ...area.previous.map((commitment) => ({ area, commitment, carried: true })),
      ...area.commitments.map((commitment) => ({ area, commitment, carried: false })),
    ]),
  )
}
