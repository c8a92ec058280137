/**
 * Planning rounds across branches (issue 18): a round's boards are made, added and read here,
 * on the server, through the read model — never by loading every board into a browser. Any
 * node can answer: documents are read through the sync server, which loads a board from the
 * store when this node does not have it open. Every call checks the asker's right first (see
 * lib/rounds/roundControl.ts for the rules).
 */
import { hashInviteToken, newInviteToken } from '../../lib/auth/inviteToken'
import { createBoardState } from '../../lib/board/createBoardDoc'
import { boardDocId } from '../../lib/board/docIds'
import type { NoteOrigin } from '../../lib/board/noteMeta'
import { readRecords, setRecords } from '../../lib/board/docLayout'
import { placeNotes } from '../../lib/board/placeNote'
import { TEMPLATE_VERSION } from '../../lib/board/template'
import type { Locale } from '../../lib/i18n/locales'
import type { AreaId } from '../../lib/planning/planningModel'
import type { AuditActor, SyncControl } from '../../lib/runtime/appContext'
import { digestBoard, type BoardDigest } from '../../lib/rounds/boardDigest'
import { promotedKeys, promotedNote } from '../../lib/rounds/promoteNote'
import {
  RoundError,
  type CreatedBranch,
  type NewBranch,
  type OverviewBoard,
  type RoundActor,
  type RoundControl,
} from '../../lib/rounds/roundControl'
import { roundToCsv } from '../../lib/rounds/roundCsv'
import { rollUp, type BranchDigest } from '../../lib/rounds/rollUp'
import type { BoardRecord, NewAuditEntry, RoundBoardRecord, RoundRecord, Store } from '../../lib/store/types'

export interface RoundServiceOptions {
  store: Store
  sync: Pick<SyncControl, 'readDoc' | 'changeDoc'>
  audit(entry: NewAuditEntry): Promise<void>
  /** How many boards' documents are read at once (each read may load a board from the store). */
  readConcurrency?: number
}

/** How long a branch's invite link lasts: a round's workshops are spread over weeks. */
const BRANCH_INVITE_HOURS = 24 * 30

interface RoundBoard extends RoundBoardRecord {
  board: BoardRecord
}

export function createRoundService(options: RoundServiceOptions): RoundControl {
  const { store, sync, audit } = options
  const concurrency = options.readConcurrency ?? 8
  const actor = (by: RoundActor): AuditActor => ({ id: by.id, name: by.name })

  async function facilitatedRound(by: RoundActor, roundId: string): Promise<RoundRecord> {
    const round = await store.rounds.get(roundId)
    if (!round) throw new RoundError(404, 'no such round')
    if (!(await store.rounds.isFacilitator(roundId, by.id))) throw new RoundError(403, 'not a facilitator of this round')
    return round
  }

  /** The round's boards this facilitator holds a role on (all of them, unless a role was taken away). */
  async function visibleBoards(by: RoundActor, roundId: string): Promise<RoundBoard[]> {
    const entries = await store.rounds.boards(roundId)
    const found = await Promise.all(
      entries.map(async (entry) => {
        if (!(await store.boards.roleOf(entry.boardId, by.id))) return null
        const board = await store.boards.get(entry.boardId)
        return board ? { ...entry, board } : null
      }),
    )
    return found.filter((entry): entry is RoundBoard => entry !== null)
  }

  async function digests(boards: readonly RoundBoard[]): Promise<Map<string, BoardDigest>> {
    const out = new Map<string, BoardDigest>()
    let next = 0
    const worker = async () => {
      while (next < boards.length) {
        const entry = boards[next++]
        out.set(entry.boardId, await sync.readDoc(boardDocId(entry.boardId), (doc) => digestBoard(doc, entry.board.locale)))
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, boards.length) }, worker))
    return out
  }

  /** Gives every facilitator of the round the facilitator role on the board. */
  async function grantFacilitators(roundId: string, boardId: string) {
    for (const userId of await store.rounds.facilitators(roundId)) await store.boards.setRole(boardId, userId, 'facilitator')
  }

  async function newBranchBoard(by: RoundActor, round: RoundRecord, locale: Locale, branch: NewBranch): Promise<CreatedBranch> {
    const name = branch.name.trim()
    if (!name) throw new RoundError(400, 'a branch needs a name')
    const facilitator = branch.facilitatorEmail ? await store.users.findByEmail(branch.facilitatorEmail) : null
    if (branch.facilitatorEmail && !facilitator) throw new RoundError(400, `no account for ${branch.facilitatorEmail}`)
    const boardName = `${round.name} – ${name}`
    const board = await store.boards.create({
      name: boardName,
      locale,
      createdBy: by.id,
      initialState: createBoardState({ name: boardName, locale, includeStarterNotes: false }),
    })
    await store.rounds.addBoard(round.id, { boardId: board.id, kind: 'branch', branch: name })
    await grantFacilitators(round.id, board.id)
    if (facilitator) await store.boards.setRole(board.id, facilitator.id, 'facilitator')
    const token = newInviteToken()
    const invite = await store.invites.create({
      boardId: board.id,
      role: 'participant',
      label: name,
      createdBy: by.id,
      expiresAt: Date.now() + BRANCH_INVITE_HOURS * 60 * 60 * 1000,
      tokenHash: hashInviteToken(token),
    })
    await audit({ actor: actor(by), action: 'board-created', boardId: board.id, targetId: round.id, detail: 'round' })
    await audit({ actor: actor(by), action: 'invite-created', boardId: board.id, targetId: invite.id, detail: 'participant' })
    await audit({ actor: actor(by), action: 'round-board-added', boardId: board.id, targetId: round.id, detail: 'branch' })
    return { boardId: board.id, branch: name, inviteToken: token }
  }

  async function addExisting(by: RoundActor, round: RoundRecord, boardId: string, branch: string): Promise<RoundBoardRecord> {
    const board = await store.boards.get(boardId)
    // The same answer for a board that does not exist and one the asker does not facilitate:
    // adding a board to a round must not tell anyone which boards exist.
    if (!board || (await store.boards.roleOf(boardId, by.id)) !== 'facilitator') {
      throw new RoundError(403, 'only a facilitator of a board can add it to a round')
    }
    if ((await store.rounds.boards(round.id)).some((b) => b.boardId === boardId))
      throw new RoundError(409, 'the board is already in the round')
    const added = await store.rounds.addBoard(round.id, { boardId, kind: 'branch', branch: branch.trim() || board.name })
    await grantFacilitators(round.id, boardId)
    await audit({ actor: actor(by), action: 'round-board-added', boardId, targetId: round.id, detail: 'existing' })
    return added
  }

  return {
    async create(by, input) {
      const name = input.name.trim()
      if (!name) throw new RoundError(400, 'a round needs a name')
      const names = input.branches.map((b) => b.name.trim().toLocaleLowerCase('sv'))
      if (new Set(names).size !== names.length) throw new RoundError(400, 'two branches have the same name')
      for (const existing of input.existing ?? []) {
        if ((await store.boards.roleOf(existing.boardId, by.id)) !== 'facilitator') {
          throw new RoundError(403, 'only a facilitator of a board can add it to a round')
        }
      }
      const round = await store.rounds.create({ name, period: input.period.trim(), templateVersion: TEMPLATE_VERSION, createdBy: by.id })
      await audit({ actor: actor(by), action: 'round-created', boardId: null, targetId: round.id, detail: null })
      const centralName = `${name} – ${input.locale === 'sv' ? 'centralt' : 'central'}`
      const central = await store.boards.create({
        name: centralName,
        locale: input.locale,
        createdBy: by.id,
        initialState: createBoardState({ name: centralName, locale: input.locale, includeStarterNotes: false }),
      })
      await store.rounds.addBoard(round.id, { boardId: central.id, kind: 'central', branch: name })
      await audit({ actor: actor(by), action: 'board-created', boardId: central.id, targetId: round.id, detail: 'round' })
      const branches: CreatedBranch[] = []
      for (const branch of input.branches) branches.push(await newBranchBoard(by, round, input.locale, branch))
      for (const existing of input.existing ?? []) {
        const added = await addExisting(by, round, existing.boardId, existing.branch)
        branches.push({ boardId: added.boardId, branch: added.branch, inviteToken: null })
      }
      return { round, centralBoardId: central.id, branches }
    },

    async list(by) {
      return store.rounds.listForUser(by.id)
    },

    async get(by, roundId) {
      const round = await facilitatedRound(by, roundId)
      const boards = await visibleBoards(by, roundId)
      return { round, boards: boards.map(({ board, ...entry }) => ({ ...entry, name: board.name })) }
    },

    async addBranch(by, roundId, branch) {
      const round = await facilitatedRound(by, roundId)
      const central = (await store.rounds.boards(roundId)).find((b) => b.kind === 'central')
      const locale = central ? ((await store.boards.get(central.boardId))?.locale ?? 'sv') : 'sv'
      return newBranchBoard(by, round, locale, branch)
    },

    async addExisting(by, roundId, boardId, branch) {
      return addExisting(by, await facilitatedRound(by, roundId), boardId, branch)
    },

    async addFacilitator(by, roundId, email) {
      await facilitatedRound(by, roundId)
      const user = await store.users.findByEmail(email)
      if (!user) throw new RoundError(400, `no account for ${email}`)
      await store.rounds.addFacilitator(roundId, user.id)
      // Only boards the one who adds them holds a role on are passed on.
      for (const entry of await visibleBoards(by, roundId)) await store.boards.setRole(entry.boardId, user.id, 'facilitator')
      await audit({ actor: actor(by), action: 'round-facilitator-added', boardId: null, targetId: user.id, detail: roundId })
    },

    async setDone(by, roundId, boardId, done) {
      const round = await store.rounds.get(roundId)
      if (!round) throw new RoundError(404, 'no such round')
      const entry = (await store.rounds.boards(roundId)).find((b) => b.boardId === boardId)
      const facilitatesBoard = (await store.boards.roleOf(boardId, by.id)) === 'facilitator'
      // A branch's facilitator marks their own board; a round's facilitator any of its boards.
      if (!entry || !facilitatesBoard) throw new RoundError(403, 'not a facilitator of this board')
      await store.rounds.setDone(roundId, boardId, done ? Date.now() : null)
    },

    async overview(by, roundId) {
      const round = await facilitatedRound(by, roundId)
      const boards = await visibleBoards(by, roundId)
      const read = await digests(boards)
      const out: OverviewBoard[] = boards.map((entry) => {
        const digest = read.get(entry.boardId)!
        return {
          boardId: entry.boardId,
          name: entry.board.name,
          branch: entry.branch,
          kind: entry.kind,
          done: entry.doneAt !== null,
          doneAt: entry.doneAt,
          notes: digest.noteCount,
          themes: digest.themeCount,
          votes: digest.voteCount,
          participantCount: digest.participantCount,
          participants: digest.participants,
          areas: digest.areas.map((area) => ({
            areaId: area.areaId,
            step: area.step,
            notes: area.notes.length,
            themes: area.themes.length,
            votes: area.votes,
          })),
        }
      })
      return { round, boards: out, generatedAt: Date.now() }
    },

    async rollUp(by, roundId) {
      const round = await facilitatedRound(by, roundId)
      const boards = await visibleBoards(by, roundId)
      const read = await digests(boards)
      const central = boards.find((b) => b.kind === 'central') ?? null
      const branches: BranchDigest[] = boards
        .filter((b) => b.kind === 'branch')
        .map((b) => ({ boardId: b.boardId, branch: b.branch, digest: read.get(b.boardId)! }))
      const locale = central?.board.locale ?? boards[0]?.board.locale ?? 'sv'
      return { round, centralBoardId: central?.boardId ?? null, ...rollUp(branches, central ? read.get(central.boardId)! : null, locale) }
    },

    async promote(by, roundId, item) {
      const round = await facilitatedRound(by, roundId)
      const boards = await visibleBoards(by, roundId)
      const central = boards.find((b) => b.kind === 'central')
      if (!central || (await store.boards.roleOf(central.boardId, by.id)) !== 'facilitator') {
        throw new RoundError(403, 'not a facilitator of the central board')
      }
      const source = boards.find((b) => b.kind === 'branch' && b.boardId === item.boardId)
      if (!source) throw new RoundError(404, 'no such board in this round')
      const digest = await sync.readDoc(boardDocId(source.boardId), (doc) => digestBoard(doc, source.board.locale))
      // Any note or theme of the branch may be promoted, not only those the roll-up shows first.
      let found: { areaId: AreaId; kind: 'note' | 'theme'; text: string; votes: number; author: string | null } | null = null
      for (const area of digest.areas) {
        const theme = area.themes.find((t) => t.id === item.id)
        const note = area.notes.find((n) => n.id === item.id)
        if (theme) found = { areaId: area.areaId, kind: 'theme', text: theme.title, votes: theme.votes, author: null }
        else if (note) found = { areaId: area.areaId, kind: 'note', text: note.text, votes: note.votes, author: note.author }
        if (found) break
      }
      if (!found) throw new RoundError(404, 'no such note or theme on that board')
      const origin: NoteOrigin = {
        roundId: round.id,
        boardId: source.boardId,
        branch: source.branch,
        id: item.id,
        kind: found.kind,
        text: found.text,
        votes: found.votes,
        author: found.author,
      }
      const areaId = found.areaId
      const noteId = await sync.changeDoc(
        boardDocId(central.boardId),
        (doc) => {
          const records = readRecords(doc)
          if (promotedKeys(records.values()).has(`${origin.boardId}/${origin.id}`)) return null
          const note = promotedNote(records.values(), areaId, origin, Date.now())
          setRecords(doc, placeNotes(records, [note]))
          return note.id as string
        },
        { addsBytes: JSON.stringify(origin).length + 1024 },
      )
      if (noteId === null) throw new RoundError(409, 'already promoted')
      await audit({
        actor: actor(by),
        action: 'round-note-promoted',
        boardId: central.boardId,
        targetId: source.boardId,
        detail: origin.kind,
      })
      return { noteId, areaId }
    },

    async exportCsv(by, roundId, separator) {
      const round = await facilitatedRound(by, roundId)
      const boards = await visibleBoards(by, roundId)
      const read = await digests(boards)
      const locale = boards.find((b) => b.kind === 'central')?.board.locale ?? 'sv'
      const csv = roundToCsv(
        boards.map((b) => ({ branch: b.branch, boardName: b.board.name, kind: b.kind, digest: read.get(b.boardId)! })),
        locale,
        { separator },
      )
      await audit({ actor: actor(by), action: 'round-exported', boardId: null, targetId: round.id, detail: 'csv' })
      return { round, csv }
    },
  }
}
