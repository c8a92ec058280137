/**
 * Author names out of what leaves the board. An anonymous board keeps no names (the sync
 * server drops `meta.createdBy`), but boards made before that rule, or whose names the
 * facilitator only hides, still hold them: every export goes through here so that neither
 * prints a name. tldraw itself names a note's first writer through `textFirstEditedBy` and
 * the document's `user:` records, so those go too.
 */
import type { TLRecord } from '@tldraw/tlschema'
import type { BoardView, NoteView } from './readModel'
import type { SessionState } from './session'

/** Whether the board's notes may show who wrote them. */
export function authorNamesShown(session: Pick<SessionState, 'anonymous' | 'showAuthors'>): boolean {
  return session.showAuthors && !session.anonymous
}

/** The records with no author left: `meta.createdBy` dropped, `textFirstEditedBy` cleared, `user:` records removed. */
export function recordsWithoutAuthors(records: readonly TLRecord[]): TLRecord[] {
  const out: TLRecord[] = []
  for (const record of records) {
    if (record.typeName === 'user') continue
    if (record.typeName !== 'shape') {
      out.push(record)
      continue
    }
    let next = record
    if (next.meta && Object.hasOwn(next.meta, 'createdBy')) {
      const { createdBy: _createdBy, ...meta } = next.meta
      next = { ...next, meta }
    }
    const props = next.props as Record<string, unknown>
    if (typeof props.textFirstEditedBy === 'string') next = { ...next, props: { ...props, textFirstEditedBy: null } } as typeof next
    out.push(next)
  }
  return out
}

const noteWithoutAuthor = ({ createdBy: _createdBy, ...note }: NoteView): NoteView => note

/** The read model with no note naming its author. */
export function boardViewWithoutAuthors(view: BoardView): BoardView {
  return {
    ...view,
    steps: view.steps.map((step) => ({
      ...step,
      areas: step.areas.map((area) => ({ ...area, notes: area.notes.map(noteWithoutAuthor) })),
    })),
    unplaced: view.unplaced.map(noteWithoutAuthor),
  }
}
