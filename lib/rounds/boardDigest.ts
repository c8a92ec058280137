/**
 * What a planning round needs of one board, read from its document through the read model:
 * per step and area the notes (with votes and, where the board shows them, authors), the
 * themes, and who took part. The overview counts it, the roll-up picks from it and the round's
 * CSV lists it; each board's document is read once per request, on the server.
 */
import type * as Y from 'yjs'
import { authorNamesShown } from '../board/anonymise'
import type { NoteOrigin } from '../board/noteMeta'
import { readBoard } from '../board/readModel'
import { readSession } from '../board/session'
import { readReportFacts } from '../export/boardFacts'
import type { Locale } from '../i18n/locales'
import type { AreaId, StepNumber } from '../planning/planningModel'

export interface DigestNote {
  id: string
  text: string
  votes: number
  /** The author's name where the board shows names; null otherwise. */
  author: string | null
  themeId: string | null
  updatedAt: number | null
  origin: NoteOrigin | null
}

export interface DigestTheme {
  id: string
  title: string
  /** Votes on the theme and on its notes. */
  votes: number
  noteCount: number
}

export interface DigestArea {
  areaId: AreaId
  step: StepNumber
  title: string
  notes: DigestNote[]
  themes: DigestTheme[]
  votes: number
}

export interface BoardDigest {
  areas: DigestArea[]
  noteCount: number
  themeCount: number
  voteCount: number
  /** How many different people wrote notes (counted by id, even where names are hidden). */
  participantCount: number
  /** Their names, where the board shows names; empty otherwise. */
  participants: string[]
  anonymous: boolean
}

export function digestBoard(doc: Y.Doc, locale: Locale): BoardDigest {
  const session = readSession(doc)
  const namesShown = authorNamesShown(session)
  const { votes } = readReportFacts(doc, { seesHiddenAuthors: false })
  const votesOf = (id: string) => votes.get(id) ?? 0
  const view = readBoard(doc, locale)
  const people = new Map<string, string>()
  const areas: DigestArea[] = []
  for (const step of view.steps) {
    for (const area of step.areas) {
      const notes = area.notes.map((note): DigestNote => {
        if (note.createdBy) people.set(note.createdBy.id, note.createdBy.name)
        return {
          id: note.id,
          text: note.text,
          votes: votesOf(note.id),
          author: namesShown && !session.anonymous ? (note.createdBy?.name ?? null) : null,
          themeId: note.themeId,
          updatedAt: note.updatedAt ?? null,
          origin: note.origin ?? null,
        }
      })
      const noteVotes = new Map(notes.map((n) => [n.id, n.votes]))
      const themes = area.themes.map((theme) => ({
        id: theme.id,
        title: theme.title,
        votes: votesOf(theme.id) + theme.noteIds.reduce((sum, id) => sum + (noteVotes.get(id) ?? 0), 0),
        noteCount: theme.noteIds.length,
      }))
      areas.push({
        areaId: area.id,
        step: step.number,
        title: area.title,
        notes,
        themes,
        votes: notes.reduce((sum, n) => sum + n.votes, 0) + area.themes.reduce((sum, t) => sum + votesOf(t.id), 0),
      })
    }
  }
  return {
    areas,
    noteCount: areas.reduce((sum, a) => sum + a.notes.length, 0),
    themeCount: areas.reduce((sum, a) => sum + a.themes.length, 0),
    voteCount: areas.reduce((sum, a) => sum + a.votes, 0),
    participantCount: people.size,
    participants: namesShown ? [...new Set(people.values())].sort((a, b) => a.localeCompare(b, 'sv')) : [],
    anonymous: session.anonymous,
  }
}
