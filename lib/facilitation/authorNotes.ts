/**
 * A facilitator's answer to one person filling a board with junk: see who wrote how many
 * notes, and take away every note one person wrote — on the board and, during a private round,
 * in their private document, so the reveal does not publish them. The board is saved as a
 * snapshot first, so the removal can be undone from *Historik*. The zones they filled give
 * their room back — compacted where the notes left lie scattered in them
 * (lib/board/compactAfterRemoval.ts) — so the map is not left zoomed out around empty space.
 *
 * Who wrote a note is the server's word (`meta.createdBy`, kept by server/sync/authorship.ts),
 * so a note cannot be made to look like someone else's to have it removed with theirs. An
 * anonymous board keeps no authors: there it removes nothing.
 */
import type * as Y from 'yjs'
import { parseDocId, privateDocId } from '../board/docIds'
import type { TLRecord } from '@tldraw/tlschema'
import { areasOf, compactAfterRemoval } from '../board/compactAfterRemoval'
import { deleteRecords, readRecords, setRecords } from '../board/docLayout'
import { readNoteMeta } from '../board/noteMeta'
import { notesIn } from '../board/noteRecord'
import { privateRoomFor, roundNotesIn } from '../board/privateNotes'
import { privateNotesHidden, privateRoomNow, readSession, writeSession } from '../board/session'
import type { AreaId } from '../planning/planningModel'
import type { SnapshotControl, SyncControl } from '../runtime/appContext'

export interface AuthorCount {
  id: string
  /** The name on their newest note. */
  name: string
  /** Their notes on the board. */
  notes: number
  /** Their notes in the private round under way (not yet on the board). */
  privateNotes: number
}

/** Every author of a note on the board, with their counts, most notes first. */
export async function countNotesByAuthor(
  boardId: string,
  sync: Pick<SyncControl, 'readDoc'>,
  privateDocs: (boardId: string) => Promise<string[]>,
): Promise<{ anonymous: boolean; authors: AuthorCount[] }> {
  const { anonymous, round, counts } = await sync.readDoc(boardId, (doc) => {
    const session = readSession(doc)
    return {
      anonymous: session.anonymous,
      round: session.privateRound?.active ? session.privateRound.id : null,
      counts: authorsOf(doc, null),
    }
  })
  const byId = new Map<string, AuthorCount>()
  for (const [id, { name, count }] of counts) byId.set(id, { id, name, notes: count, privateNotes: 0 })
  if (round) {
    for (const docId of await privateDocs(boardId)) {
      // A private document holds one person's notes, whatever their notes claim.
      const name = parseDocId(docId)
      if (name.kind !== 'private' || name.boardId !== boardId) continue
      const owner = name.userId
      const mine = await sync.readDoc(docId, (doc) => authorsOf(doc, round))
      const count = [...mine.values()].reduce((sum, a) => sum + a.count, 0)
      if (count === 0) continue
      const known = byId.get(owner)
      if (known) known.privateNotes = count
      else byId.set(owner, { id: owner, name: mine.get(owner)?.name ?? '', notes: 0, privateNotes: count })
    }
  }
  const authors = [...byId.values()].sort((a, b) => b.notes + b.privateNotes - (a.notes + a.privateNotes) || a.name.localeCompare(b.name))
  return { anonymous, authors }
}

/** Notes per author in one document (of one private round, when `round` is given). */
function authorsOf(doc: Y.Doc, round: string | null): Map<string, { name: string; count: number; newest: number }> {
  const out = new Map<string, { name: string; count: number; newest: number }>()
  for (const note of notesIn(doc)) {
    if (round !== null && note.meta.privateRound !== round) continue
    const { createdBy, createdAt = 0 } = readNoteMeta(note.meta)
    if (!createdBy) continue
    const seen = out.get(createdBy.id)
    if (!seen) out.set(createdBy.id, { name: createdBy.name, count: 1, newest: createdAt })
    else {
      seen.count++
      if (createdAt >= seen.newest) Object.assign(seen, { name: createdBy.name, newest: createdAt })
    }
  }
  return out
}

export interface RemovedNotes {
  /** Notes taken off the board. */
  removed: number
  /** Notes taken out of the person's private document (the round under way). */
  privateRemoved: number
  /** The snapshot of the board from just before (null when nothing was removed). */
  snapshot: { id: string; name: string } | null
}

/**
 * Removes every note `authorId` wrote, on the board and in their private document of the round
 * under way. The board is saved first, as a snapshot named by `snapshotName`.
 */
export async function removeNotesByAuthor(
  boardId: string,
  authorId: string,
  context: {
    sync: Pick<SyncControl, 'readDoc' | 'changeDoc'>
    snapshots: Pick<SnapshotControl, 'take'>
    by: { id: string; name: string }
    snapshotName(author: string): string
    /** The ids of the board's private documents (the store's list). */
    privateDocs(boardId: string): Promise<string[]>
  },
): Promise<RemovedNotes> {
  const before = await context.sync.readDoc(boardId, (doc) => ({
    count: notesBy(doc, authorId).length,
    name: authorsOf(doc, null).get(authorId)?.name ?? null,
    round: readSession(doc).privateRound,
  }))
  const privateId = privateDocId(boardId, authorId)
  const round = before.round?.active ? before.round.id : null
  const privateCount = round ? await context.sync.readDoc(privateId, (doc) => roundNotesIn(doc, round).length) : 0
  if (before.count === 0 && privateCount === 0) return { removed: 0, privateRemoved: 0, snapshot: null }

  const saved = await context.snapshots.take(boardId, context.snapshotName(before.name ?? authorId), context.by, 'manual')
  // Their private notes first, so that the board's change below counts the room the round keeps
  // without them.
  const privateRemoved = round
    ? await context.sync.changeDoc(privateId, (doc) => {
        const ids = roundNotesIn(doc, round).map((note) => note.id)
        deleteRecords(doc, ids)
        return ids.length
      })
    : 0
  const others = round && privateRemoved > 0 ? await privateRecords(boardId, context) : null
  // Read, removed and the room given back in one change: a note they write meanwhile is removed
  // too, and the removal and the compacting are one step, undone by the snapshot.
  const removed = await context.sync.changeDoc(boardId, (doc) => {
    const ids = notesBy(doc, authorId).map((note) => note.id)
    const lost = areasOf(readRecords(doc), ids)
    deleteRecords(doc, ids)
    if (round && others) for (const areaId of keepRoomForTheRest(doc, round, others)) lost.add(areaId)
    const session = readSession(doc)
    setRecords(doc, compactAfterRemoval(readRecords(doc), lost, { reserve: privateRoomNow(session), shrink: !privateNotesHidden(session) }))
    return ids.length
  })
  return { removed, privateRemoved, snapshot: { id: saved.id, name: saved.name } }
}

/** The records of each of the board's private documents. */
async function privateRecords(
  boardId: string,
  context: { sync: Pick<SyncControl, 'readDoc'>; privateDocs(boardId: string): Promise<string[]> },
) {
  const theirs: Map<string, TLRecord>[] = []
  for (const docId of await context.privateDocs(boardId)) theirs.push(await context.sync.readDoc(docId, readRecords))
  return theirs
}

/**
 * The zones kept room for the removed person's private notes too (the kept room only rises
 * while a round runs, see server/sync/privateRoom.ts): it is counted again from everyone's
 * private notes that are left (`theirs`), so a zone no longer keeps free cells for notes that
 * are gone. Returns the areas whose kept room fell: they are compacted with the rest.
 */
function keepRoomForTheRest(board: Y.Doc, round: string, theirs: readonly Map<string, TLRecord>[]): AreaId[] {
  const { privateRound, privateRoom } = readSession(board)
  if (!privateRound?.active || privateRound.id !== round) return []
  const records = readRecords(board)
  const areas: Partial<Record<AreaId, number>> = {}
  for (const own of theirs) {
    for (const [areaId, count] of privateRoomFor(records, own, round)) areas[areaId] = Math.max(areas[areaId] ?? 0, count)
  }
  writeSession(board, { privateRoom: { roundId: round, areas } })
  const kept = privateRoom?.roundId === round ? privateRoom.areas : {}
  return (Object.keys(kept) as AreaId[]).filter((areaId) => (areas[areaId] ?? 0) < (kept[areaId] ?? 0))
}

function notesBy(doc: Y.Doc, authorId: string) {
  return notesIn(doc).filter((note) => readNoteMeta(note.meta).createdBy?.id === authorId)
}
