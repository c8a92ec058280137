/**
 * A workshop board as tests and the benchmark need one: the template, notes by named authors
 * in several areas (one outside every area), and a finished voting round. Deterministic, so
 * reports of it can be compared with golden files.
 */
import * as Y from 'yjs'
import { createBoardDoc } from '../../board/createBoardDoc'
import { putNotes } from '../../board/noteRecord'
import { noteMeta } from '../../board/noteMeta'
import { writeSession } from '../../board/session'
import { castVote } from '../../board/votes'
import { makeNoteShape } from '../../board/testing/makeNoteShape'
import type { AreaId } from '../../planning/planningModel'

export const WORKSHOP_TIME = Date.UTC(2026, 10, 29, 13, 5)

export interface WorkshopNote {
  key: string
  text: string
  areaId: AreaId | null
  author: string
  /** Position inside its area, in reading order. */
  y: number
}

export const WORKSHOP_NOTES: readonly WorkshopNote[] = [
  { key: 'n1', text: 'Fler besökare på kvällstid', areaId: 'besokare', author: 'Anna Lind', y: 0 },
  { key: 'n2', text: 'Läsfrämjande för de yngsta, 0–2 år', areaId: 'besokare', author: 'Per Deltagare', y: 1 },
  { key: 'n3', text: 'Sök EU-medel\nför meröppna filialer', areaId: 'ekonomi', author: 'Åsa Öberg', y: 0 },
  { key: 'n4', text: '# Inte en rubrik, *inte* fetstil & "citat"', areaId: 'organisation', author: 'Anna Lind', y: 0 },
  { key: 'n5', text: '-5 % kostnader, +10 % öppettider', areaId: 'ekonomi', author: 'Per Deltagare', y: 1 },
  { key: 'n6', text: 'En lapp utanför områdena', areaId: null, author: 'Anna Lind', y: 0 },
]

/** Votes of the finished round: note key → voters. */
const VOTES: Record<string, string[]> = {
  n2: ['anna', 'per', 'asa'],
  n1: ['anna'],
  n5: ['per', 'asa'],
}

export interface WorkshopOptions {
  name?: string
  notes?: readonly WorkshopNote[]
  anonymous?: boolean
  withVotes?: boolean
}

export function workshopDoc(options: WorkshopOptions = {}): Y.Doc {
  const doc = createBoardDoc({ name: options.name ?? 'Planeringsdag', locale: 'sv', includeStarterNotes: false, now: WORKSHOP_TIME })
  const notes = (options.notes ?? WORKSHOP_NOTES).map((note, i) =>
    makeNoteShape({
      id: note.key,
      x: 100 * i,
      y: 300 * note.y,
      text: note.text,
      meta: noteMeta({
        areaId: note.areaId,
        createdAt: WORKSHOP_TIME + i * 60_000,
        createdBy: { id: `user-${note.author}`, name: note.author },
        ...(i === 2 ? { updatedAt: WORKSHOP_TIME + 3_600_000 } : {}),
      }),
    }),
  )
  doc.transact(() => putNotes(doc, notes))
  if (options.withVotes !== false) {
    const round = {
      id: 'round-1',
      active: true,
      votesPerPerson: 3,
      areas: null,
      anonymous: false,
      hideTally: false,
      resultsShown: false,
      startedAt: WORKSHOP_TIME,
      endedAt: null,
    }
    doc.transact(() => {
      for (const [key, voters] of Object.entries(VOTES)) {
        for (const voter of voters) castVote(doc, round, { voterKey: voter, voterName: voter, noteId: `shape:${key}`, delta: 1 })
      }
      writeSession(doc, { voting: { ...round, active: false, endedAt: WORKSHOP_TIME + 600_000 } })
    })
  }
  if (options.anonymous) doc.transact(() => writeSession(doc, { anonymous: true }))
  return doc
}
