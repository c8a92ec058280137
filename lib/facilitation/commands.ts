/**
 * What a facilitator can do to run the workshop, as commands the server carries out on the
 * board's document: the timer (on the server's clock, so everyone counts down to the same
 * instant), voting rounds, private rounds and their reveal, author display, area locks, and
 * "bring everyone to me". Route handlers validate and authorize; this module changes the doc.
 */
import { z } from 'zod'
import type * as Y from 'yjs'
import { createShapeId, type TLNoteShape, type TLShape } from '@tldraw/tlschema'
import type { JsonObject } from '@tldraw/utils'
import { parseDocId, privateDocPrefix } from '../board/docIds'
import { roundNotesIn, withoutPrivateRound } from '../board/privateNotes'
import { readNoteMeta } from '../board/noteMeta'
import { boardSchema } from '../board/schema'
import { putNotes } from '../board/noteRecord'
import { IDLE_TIMER, MAX_PAST_ROUNDS, readSession, timerRemainingMs, writeSession, type SessionState } from '../board/session'
import { unsealVotes, type VoteSeal } from '../board/votes'
import { isFrameKey, type FrameKey } from '../board/presentation'
import { AREA_IDS } from '../planning/planningModel'
import type { SyncControl } from '../runtime/appContext'
import type { DocStore } from '../store/types'
import { BOARD_PAGE_ID, deleteRecords, readRecords, setRecords } from '../board/docLayout'
import { arrangeRecords } from '../board/arrangeRecords'
import { areaOfPoint, isNoteShape, noteCentre, zonesOf } from '../board/areaOfPoint'
import { spotForNewNote } from '../board/boardLayout'
import { NOTE_SIZE, type Rect } from '../board/templateLayout'
import { TRAY_SHAPE_ID } from '../board/template'

const minutes = z.number().min(0.25).max(240)

export const FacilitationCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('timer.start'), minutes }),
  z.object({ type: z.literal('timer.pause') }),
  z.object({ type: z.literal('timer.resume') }),
  z.object({ type: z.literal('timer.add'), minutes: z.number().min(-60).max(60) }),
  z.object({ type: z.literal('timer.reset') }),
  z.object({
    type: z.literal('voting.start'),
    votesPerPerson: z.number().int().min(1).max(20),
    areas: z.array(z.enum(AREA_IDS)).max(AREA_IDS.length).nullable(),
    anonymous: z.boolean(),
    /** Counts and results stay hidden until the round ends. */
    hideTally: z.boolean().optional(),
  }),
  z.object({ type: z.literal('voting.end') }),
  z.object({ type: z.literal('voting.showResults'), show: z.boolean() }),
  z.object({ type: z.literal('private.start') }),
  z.object({ type: z.literal('private.reveal') }),
  z.object({ type: z.literal('authors.show'), show: z.boolean() }),
  z.object({ type: z.literal('board.anonymous'), anonymous: z.boolean() }),
  z.object({ type: z.literal('area.lock'), areaId: z.enum(AREA_IDS), locked: z.boolean() }),
  z.object({ type: z.literal('summon.start') }),
  z.object({
    type: z.literal('presentation.show'),
    frame: z.string().refine(isFrameKey, 'not a presentation frame'),
    page: z.number().int().min(0).max(999),
  }),
  z.object({ type: z.literal('presentation.stop') }),
  z.object({ type: z.literal('summon.stop') }),
])
export type FacilitationCommand = z.infer<typeof FacilitationCommand>

export interface CommandContext {
  sync: Pick<SyncControl, 'changeDoc' | 'readDoc'>
  docs: Pick<DocStore, 'listDocIds'>
  /** The facilitator giving the command (for summons). */
  by: { userId: string; name: string }
  now?: () => number
  newId?: () => string
  /** Opens the sealed votes of a round that hid its tally (see votes.ts), when it ends. */
  voteSeal?(roundId: string): VoteSeal
  /** Called after a voting round ends (e.g. to keep a snapshot of the result). */
  onVotingEnded?(roundId: string): Promise<void> | void
}

const randomId = () => crypto.randomUUID()

/** Carries out a command on a board; resolves with the session state afterwards. */
export async function runCommand(boardId: string, command: FacilitationCommand, context: CommandContext): Promise<SessionState> {
  const now = context.now ?? Date.now
  const newId = context.newId ?? randomId
  if (command.type === 'private.reveal') return revealPrivateRound(boardId, context, now)

  const change = (patch: (session: SessionState, at: number) => Partial<SessionState> | null) =>
    context.sync.changeDoc(boardId, (doc) => {
      const at = now()
      const update = patch(readSession(doc), at)
      if (update) writeSession(doc, update)
      return readSession(doc)
    })

  switch (command.type) {
    case 'timer.start':
      return change((_s, at) => {
        const durationMs = Math.round(command.minutes * 60_000)
        return { timer: { state: 'running', durationMs, endsAt: at + durationMs, remainingMs: null } }
      })
    case 'timer.pause':
      return change(({ timer }, at) =>
        timer.state === 'running' ? { timer: { ...timer, state: 'paused', endsAt: null, remainingMs: timerRemainingMs(timer, at) } } : null,
      )
    case 'timer.resume':
      return change(({ timer }, at) =>
        timer.state === 'paused'
          ? { timer: { ...timer, state: 'running', endsAt: at + (timer.remainingMs ?? 0), remainingMs: null } }
          : null,
      )
    case 'timer.add':
      return change(({ timer }, at) => {
        const ms = Math.round(command.minutes * 60_000)
        if (timer.state === 'running') {
          return { timer: { ...timer, endsAt: Math.max(at, timer.endsAt! + ms), durationMs: Math.max(0, timer.durationMs + ms) } }
        }
        if (timer.state === 'paused') {
          return {
            timer: { ...timer, remainingMs: Math.max(0, (timer.remainingMs ?? 0) + ms), durationMs: Math.max(0, timer.durationMs + ms) },
          }
        }
        return null
      })
    case 'timer.reset':
      return change(() => ({ timer: IDLE_TIMER }))
    case 'voting.start':
      return change(({ voting, pastVotingRounds }, at) => ({
        pastVotingRounds: voting
          ? [...pastVotingRounds, { ...voting, active: false, endedAt: voting.endedAt ?? at }].slice(-MAX_PAST_ROUNDS)
          : pastVotingRounds,
        voting: {
          id: newId(),
          active: true,
          votesPerPerson: command.votesPerPerson,
          areas: command.areas && command.areas.length > 0 ? command.areas : null,
          anonymous: command.anonymous,
          hideTally: command.hideTally === true,
          resultsShown: false,
          startedAt: at,
          endedAt: null,
        },
      }))
    case 'voting.end': {
      const session = await context.sync.changeDoc(boardId, (doc) => {
        const { voting } = readSession(doc)
        if (voting?.active) {
          writeSession(doc, { voting: { ...voting, active: false, endedAt: now() } })
          if (voting.hideTally && context.voteSeal) unsealVotes(doc, voting.id, context.voteSeal(voting.id))
        }
        return readSession(doc)
      })
      if (session.voting && context.onVotingEnded) await context.onVotingEnded(session.voting.id)
      return session
    }
    case 'voting.showResults':
      return change(({ voting }) => (voting && !voting.active ? { voting: { ...voting, resultsShown: command.show } } : null))
    case 'presentation.show':
      return change(({ presentation }) => ({
        presentation: { id: presentation?.id ?? newId(), frame: command.frame as FrameKey, page: command.page },
      }))
    case 'presentation.stop':
      return change(() => ({ presentation: null }))
    case 'private.start':
      return change(({ privateRound }, at) =>
        privateRound?.active ? null : { privateRound: { id: newId(), active: true, startedAt: at, revealedAt: null } },
      )
    case 'authors.show':
      return change(() => ({ showAuthors: command.show }))
    case 'board.anonymous':
      return change(() => ({ anonymous: command.anonymous, ...(command.anonymous ? { showAuthors: false } : {}) }))
    case 'area.lock':
      return change(({ lockedAreas }) => ({
        lockedAreas: command.locked ? [...new Set([...lockedAreas, command.areaId])] : lockedAreas.filter((id) => id !== command.areaId),
      }))
    case 'summon.start':
      return change((_s, at) => ({ summon: { id: newId(), userId: context.by.userId, name: context.by.name, at } }))
    case 'summon.stop':
      return change(() => ({ summon: null }))
  }
}

/**
 * Ends a private round and publishes everyone's private notes on the board at once. The
 * round is closed first (clients stop writing privately), then each person's notes are
 * written to the board — durably — before they are removed from the private document, so a
 * crash half-way loses nothing (a note may at worst exist in both, which clients show once).
 */
async function revealPrivateRound(boardId: string, context: CommandContext, now: () => number): Promise<SessionState> {
  const round = await context.sync.changeDoc(boardId, (doc) => {
    const { privateRound } = readSession(doc)
    if (privateRound?.active) writeSession(doc, { privateRound: { ...privateRound, active: false } })
    return privateRound
  })
  if (!round) return context.sync.readDoc(boardId, readSession)

  for (const docId of await context.docs.listDocIds(privateDocPrefix(boardId))) {
    const owner = parseDocId(docId)
    if (owner.kind !== 'private') continue
    // Notes written while we publish are picked up by the next pass.
    for (let pass = 0; pass < 5; pass++) {
      const hidden = await context.sync.readDoc(docId, (doc) => roundNotesIn(doc, round.id))
      if (hidden.length === 0) break
      // The board's size limit holds for the reveal too: one person's private document may be
      // as large as a board, and several of them would not fit.
      await context.sync.changeDoc(
        boardId,
        (doc) => {
          const published = publishable(doc, hidden, owner.userId)
          putNotes(doc, published)
          // Everyone's notes went to the free cells each saw alone: the revealed ones that now
          // share a place move to free places in their zones (nothing else moves).
          const fresh = new Set<string>(published.map((note) => note.id))
          setRecords(doc, arrangeRecords(readRecords(doc), { movable: (id) => fresh.has(id) }))
        },
        { addsBytes: JSON.stringify(hidden).length },
      )
      await context.sync.changeDoc(docId, (doc) =>
        deleteRecords(
          doc,
          hidden.map((note) => note.id),
        ),
      )
    }
  }

  return context.sync.changeDoc(boardId, (doc) => {
    writeSession(doc, { privateRound: { ...round, active: false, revealedAt: now() } })
    return readSession(doc)
  })
}

/**
 * What of one person's private notes the server puts on the board. The private document is
 * written by that person's client alone, and the server writes the reveal with its own rights,
 * so a modified client must not reach further through it than through the board: only valid
 * notes on the board's page are published, never over a record the board already has (another
 * person's note, the template: such a note gets a new id; a note published by an interrupted
 * reveal stays as it is), and
 * one that names someone else as its author loses that claim.
 */
function publishable(board: Y.Doc, hidden: readonly TLNoteShape[], owner: string): TLNoteShape[] {
  const existing = readRecords(board)
  const { anonymous, lockedAreas } = readSession(board)
  const zones = lockedAreas.length > 0 ? zonesOf(existing.values()) : []
  const tray = existing.get(TRAY_SHAPE_ID) as (TLShape & { props: { w?: unknown; h?: unknown } }) | undefined
  /** What already lies in the tray's rectangle, and what this reveal puts there. */
  const inTray: Rect[] = []
  if (tray) {
    for (const record of existing.values()) {
      if (!isNoteShape(record)) continue
      inTray.push({
        x: record.x,
        y: record.y,
        w: NOTE_SIZE * (record.props.scale || 1),
        h: (NOTE_SIZE + record.props.growY) * (record.props.scale || 1),
      })
    }
  }
  const trayRect =
    tray && typeof tray.props.w === 'number' && typeof tray.props.h === 'number'
      ? { x: tray.x, y: tray.y, w: tray.props.w, h: tray.props.h }
      : null
  return hidden.flatMap((hiddenNote) => {
    if (hiddenNote.parentId !== BOARD_PAGE_ID) return []
    let note = hiddenNote
    const taken = existing.get(note.id)
    if (taken) {
      // The same note from a reveal that was interrupted: already published.
      if (taken.typeName === 'shape' && taken.type === 'note' && JSON.stringify(taken.props) === JSON.stringify(note.props)) return []
      // Another record holds its id — say a note another member made with an id they saw in
      // presence, to have this one skipped and then deleted. It is published under a new id.
      note = { ...note, id: createShapeId() }
    }
    const meta: JsonObject = withoutPrivateRound(note.meta)
    const { createdBy } = readNoteMeta(meta)
    // On an anonymous board no note carries an author (server/sync/authorship.ts).
    if (anonymous || (createdBy && createdBy.id !== owner)) delete meta.createdBy
    let published = { ...note, meta }
    // A locked area takes no new notes, the reveal's neither: a note for one (by its tag or where
    // it lies) goes to the tray, *Utanför områdena*, for the facilitator to place.
    const placed = zones.length > 0 ? areaOfPoint(zones, noteCentre(published)) : null
    const tagged = readNoteMeta(meta).areaId
    if ((tagged && lockedAreas.includes(tagged)) || (placed && lockedAreas.includes(placed))) {
      const spot = trayRect ? spotForNewNote(trayRect, inTray) : { x: -1e6, y: -1e6 }
      inTray.push({ ...spot, w: NOTE_SIZE, h: NOTE_SIZE + published.props.growY })
      published = { ...published, ...spot, rotation: 0, props: { ...published.props, scale: 1 }, meta: { ...meta, areaId: null } }
    }
    try {
      boardSchema.types.shape.validate(published)
    } catch {
      return []
    }
    return [published]
  })
}
