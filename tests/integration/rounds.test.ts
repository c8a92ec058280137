/**
 * Planning rounds across branches through the server's own services, with a real sync server
 * and a real SQLite file: a round of five branch boards, notes in every area written as the
 * notes API writes them, the overview's counts, the roll-up grouping one idea written in three
 * branches, promoting with its origin kept, the round's CSV, and who may see what.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { boardDocId } from '../../lib/board/docIds'
import { readRecords, setRecords } from '../../lib/board/docLayout'
import { readNoteMeta } from '../../lib/board/noteMeta'
import { readBoard } from '../../lib/board/readModel'
import { plainTextFromRichText } from '../../lib/board/richText'
import { toRichText, type TLNoteShape } from '@tldraw/tlschema'
import { castVote } from '../../lib/board/votes'
import { writeSession } from '../../lib/board/session'
import { sendIdea } from '../../lib/facilitation/sendIdea'
import { AREA_IDS, type AreaId } from '../../lib/planning/planningModel'
import type { RoundActor } from '../../lib/rounds/roundControl'
import { createCleanup } from '../helpers/cleanup'
import { startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
afterEach(() => cleanup.run())

const BRANCHES = ['Axelsberg', 'Bredäng', 'Hägersten', 'Skärholmen', 'Västertorp']

async function roundOfFive() {
  const h: SyncHarness = await startSyncHarness()
  cleanup.add(() => h.close())
  const { store } = h.services
  const lead: RoundActor = { id: h.userId, name: 'Test Facilitator' }
  const branchLead = await store.users.create({ email: 'karin@bibliotek.example.se', name: 'Karin Berg', passwordHash: null })
  const created = await h.services.context.rounds.create(lead, {
    name: 'Verksamhetsplan 2027',
    period: '2027',
    locale: 'sv',
    branches: BRANCHES.map((name, i) => ({ name, ...(i === 0 ? { facilitatorEmail: branchLead.email } : {}) })),
  })
  const boardOf = new Map(created.branches.map((b) => [b.branch, b.boardId]))
  return { h, lead, branchLead: { id: branchLead.id, name: branchLead.name }, created, boardOf }
}

async function addIdea(h: SyncHarness, boardId: string, areaId: AreaId, text: string, author = { userId: 'writer', name: 'Skribent' }) {
  const result = await sendIdea(h.services.context.sync, boardId, { ...author, role: 'facilitator' }, { areaId, text })
  if (!result.ok) throw new Error(result.reason)
  return result.noteId
}

describe('a planning round', () => {
  it('makes a central board and a board per branch, each with a participant invite link', async () => {
    const { h, created, lead } = await roundOfFive()
    const { store } = h.services
    expect(created.branches.map((b) => b.branch)).toEqual(BRANCHES)
    expect(created.branches.every((b) => /^[A-Za-z0-9_-]{43}$/.test(b.inviteToken ?? ''))).toBe(true)
    const boards = await store.rounds.boards(created.round.id)
    expect(boards.map((b) => b.kind)).toEqual(['central', ...BRANCHES.map(() => 'branch')])
    expect(boards[0].boardId).toBe(created.centralBoardId)
    for (const b of created.branches) {
      const invites = await store.invites.listForBoard(b.boardId)
      expect(invites.map((i) => [i.role, i.label])).toEqual([['participant', b.branch]])
      expect((await store.boards.get(b.boardId))?.name).toBe(`Verksamhetsplan 2027 – ${b.branch}`)
    }
    expect(created.round.templateVersion).toBeGreaterThan(0)
    const actions = (await store.audit.list({ limit: 100 })).map((e) => e.action)
    expect(actions.filter((a) => a === 'round-created')).toHaveLength(1)
    expect(actions.filter((a) => a === 'round-board-added')).toHaveLength(5)
    expect((await h.services.context.rounds.list(lead)).map((r) => r.id)).toEqual([created.round.id])
  })

  it('counts notes, themes-free areas, votes and participants per board and area exactly', async () => {
    const { h, lead, created, boardOf } = await roundOfFive()
    // Board i gets i + 1 notes in every area, by two writers; the third board's notes get votes.
    for (const [i, branch] of BRANCHES.entries()) {
      for (const areaId of AREA_IDS) {
        for (let n = 0; n <= i; n++) {
          await addIdea(h, boardOf.get(branch)!, areaId, `${branch} idé ${n} i ${areaId}`, {
            userId: `writer-${n % 2}`,
            name: `Skribent ${n % 2}`,
          })
        }
      }
    }
    const voted = boardOf.get('Hägersten')!
    await h.services.context.sync.changeDoc(boardDocId(voted), (doc) => {
      const round = { id: 'r1', active: true, votesPerPerson: 5, areas: null, anonymous: false, startedAt: 0, endedAt: null }
      writeSession(doc, { voting: round })
      const notes = readBoard(doc, 'sv')
        .steps.flatMap((s) => s.areas)
        .find((a) => a.id === 'ekonomi')!.notes
      for (const voter of ['v1', 'v2']) castVote(doc, round, { voterKey: voter, voterName: null, noteId: notes[0].id, delta: 1 })
      castVote(doc, round, { voterKey: 'v3', voterName: null, noteId: notes[1].id, delta: 1 })
    })
    const overview = await h.services.context.rounds.overview(lead, created.round.id)
    expect(overview.boards.map((b) => [b.branch, b.kind, b.notes, b.votes, b.participantCount])).toEqual([
      ['Verksamhetsplan 2027', 'central', 0, 0, 0],
      ['Axelsberg', 'branch', 8, 0, 1],
      ['Bredäng', 'branch', 16, 0, 2],
      ['Hägersten', 'branch', 24, 3, 2],
      ['Skärholmen', 'branch', 32, 0, 2],
      ['Västertorp', 'branch', 40, 0, 2],
    ])
    for (const [i, board] of overview.boards.slice(1).entries()) {
      expect(board.areas.map((a) => a.areaId)).toEqual([...AREA_IDS])
      expect(board.areas.every((a) => a.notes === i + 1 && a.themes === 0)).toBe(true)
    }
    expect(overview.boards[3].areas.find((a) => a.areaId === 'ekonomi')!.votes).toBe(3)
    expect(overview.boards[2].participants).toEqual(['Skribent 0', 'Skribent 1'])

    await h.services.context.rounds.setDone(lead, created.round.id, boardOf.get('Bredäng')!, true)
    const after = await h.services.context.rounds.overview(lead, created.round.id)
    expect(after.boards.filter((b) => b.done).map((b) => b.branch)).toEqual(['Bredäng'])
  })

  it('groups the same idea written in three branches, and promotes with its origin kept', async () => {
    const { h, lead, created, boardOf } = await roundOfFive()
    const same = [
      ['Axelsberg', 'Längre öppettider på kvällarna'],
      ['Bredäng', 'Öppettider på kvällar och helger'],
      ['Skärholmen', 'Längre öppettider kvällar'],
    ] as const
    const ids = new Map<string, string>()
    for (const [branch, text] of same)
      ids.set(branch, await addIdea(h, boardOf.get(branch)!, 'besokare', text, { userId: `u-${branch}`, name: `Ledare ${branch}` }))
    await addIdea(h, boardOf.get('Hägersten')!, 'besokare', 'Sagostund för de minsta på lördagar')
    await addIdea(h, boardOf.get('Västertorp')!, 'besokare', 'Läxhjälp med volontärer')

    const rolled = await h.services.context.rounds.rollUp(lead, created.round.id)
    const area = rolled.areas.find((a) => a.areaId === 'besokare')!
    expect(area.groups[0].branchCount).toBe(3)
    expect(area.groups[0].items.map((i) => i.branch).sort()).toEqual(['Axelsberg', 'Bredäng', 'Skärholmen'])
    expect(area.groups).toHaveLength(3)
    expect(rolled.areas.filter((a) => a.areaId !== 'besokare').every((a) => a.groups.length === 0)).toBe(true)

    const promoted = await h.services.context.rounds.promote(lead, created.round.id, {
      boardId: boardOf.get('Bredäng')!,
      id: ids.get('Bredäng')!,
    })
    expect(promoted.areaId).toBe('besokare')
    await expect(
      h.services.context.rounds.promote(lead, created.round.id, { boardId: boardOf.get('Bredäng')!, id: ids.get('Bredäng')! }),
    ).rejects.toMatchObject({ status: 409 })
    const copy = await h.services.context.sync.readDoc(
      boardDocId(created.centralBoardId),
      (doc) => readRecords(doc).get(promoted.noteId) as TLNoteShape,
    )
    expect(plainTextFromRichText(copy.props.richText)).toBe('Öppettider på kvällar och helger')
    expect(readNoteMeta(copy.meta)).toMatchObject({
      areaId: 'besokare',
      origin: {
        roundId: created.round.id,
        boardId: boardOf.get('Bredäng'),
        branch: 'Bredäng',
        id: ids.get('Bredäng'),
        kind: 'note',
        votes: 0,
        author: 'Ledare Bredäng',
      },
    })

    let again = await h.services.context.rounds.rollUp(lead, created.round.id)
    expect(again.promoted).toEqual([
      expect.objectContaining({ noteId: promoted.noteId, branch: 'Bredäng', changed: false, originGone: false }),
    ])
    expect(again.areas.find((a) => a.areaId === 'besokare')!.groups[0].items.find((i) => i.branch === 'Bredäng')!.promoted).toBe(true)

    // The branch edits its original: the copy on the central board shows that it changed.
    await h.services.context.sync.changeDoc(boardDocId(boardOf.get('Bredäng')!), (doc) => {
      const note = readRecords(doc).get(ids.get('Bredäng')!) as TLNoteShape
      setRecords(doc, [{ ...note, props: { ...note.props, richText: toRichText('Öppet på kvällar, helger och röda dagar') } }])
    })
    again = await h.services.context.rounds.rollUp(lead, created.round.id)
    expect(again.promoted[0]).toMatchObject({ changed: true, text: 'Öppettider på kvällar och helger' })

    const { csv } = await h.services.context.rounds.exportCsv(lead, created.round.id)
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('"Filial","Tavla","Steg","Område","Text","Tema","Författare","Röster","Lyft från filial"')
    expect(lines).toHaveLength(1 + 5 + 1)
    expect(lines.find((l) => l.startsWith('"Verksamhetsplan 2027"'))).toContain('"Öppettider på kvällar och helger"')
    expect(lines.find((l) => l.startsWith('"Verksamhetsplan 2027"'))).toMatch(/"Bredäng"$/)
    expect(lines.find((l) => l.startsWith('"Skärholmen"'))).toContain('"Längre öppettider kvällar"')
  })
})

describe('who sees what in a round', () => {
  it('a branch facilitator sees their own board only; a round facilitator sees every board', async () => {
    const { h, lead, branchLead, created, boardOf } = await roundOfFive()
    const { store } = h.services
    const rounds = h.services.context.rounds
    const own = boardOf.get('Axelsberg')!
    expect(await store.boards.roleOf(own, branchLead.id)).toBe('facilitator')
    for (const [branch, boardId] of boardOf)
      if (branch !== 'Axelsberg') expect(await store.boards.roleOf(boardId, branchLead.id)).toBeNull()
    expect(await store.boards.roleOf(created.centralBoardId, branchLead.id)).toBeNull()
    for (const call of [
      () => rounds.overview(branchLead, created.round.id),
      () => rounds.rollUp(branchLead, created.round.id),
      () => rounds.exportCsv(branchLead, created.round.id),
      () => rounds.get(branchLead, created.round.id),
      () => rounds.promote(branchLead, created.round.id, { boardId: own, id: 'shape:x' }),
      () => rounds.addFacilitator(branchLead, created.round.id, 'karin@bibliotek.example.se'),
      () => rounds.addBranch(branchLead, created.round.id, { name: 'Smygväg' }),
    ]) {
      await expect(call()).rejects.toMatchObject({ status: 403 })
    }
    // The branch marks its own board done, and nobody else's.
    await rounds.setDone(branchLead, created.round.id, own, true)
    await expect(rounds.setDone(branchLead, created.round.id, boardOf.get('Bredäng')!, true)).rejects.toMatchObject({ status: 403 })
    expect((await store.rounds.boards(created.round.id)).filter((b) => b.doneAt !== null).map((b) => b.branch)).toEqual(['Axelsberg'])

    for (const b of await store.rounds.boards(created.round.id)) expect(await store.boards.roleOf(b.boardId, lead.id)).toBe('facilitator')

    // A second round facilitator gets every board; a branch added later reaches both.
    const second = await store.users.create({ email: 'olof@bibliotek.example.se', name: 'Olof Ek', passwordHash: null })
    await rounds.addFacilitator(lead, created.round.id, second.email)
    const added = await rounds.addBranch(lead, created.round.id, { name: 'Fruängen' })
    for (const b of await store.rounds.boards(created.round.id)) expect(await store.boards.roleOf(b.boardId, second.id)).toBe('facilitator')
    expect(await store.boards.roleOf(added.boardId, branchLead.id)).toBeNull()
    expect((await rounds.overview({ id: second.id, name: second.name }, created.round.id)).boards).toHaveLength(7)
    // Their data export names the round they facilitate.
    const data = (await h.services.context.people.exportData(second.id, lead)) as { roundsFacilitated: unknown[] }
    expect(data.roundsFacilitated).toEqual([
      { id: created.round.id, name: 'Verksamhetsplan 2027', period: '2027', createdAt: created.round.createdAt, createdByThem: false },
    ])
  })

  it('nobody reaches a board through a round that they were not given', async () => {
    const { h, lead, branchLead, created } = await roundOfFive()
    const { store } = h.services
    const rounds = h.services.context.rounds
    // The lead is a participant of someone else's board: not enough to add it to a round.
    const stranger = await store.users.create({ email: 'eva@bibliotek.example.se', name: 'Eva Sund', passwordHash: null })
    const { createBoardState } = await import('../../lib/board/createBoardDoc')
    const theirs = await store.boards.create({
      name: 'Evas tavla',
      locale: 'sv',
      createdBy: stranger.id,
      initialState: createBoardState({ name: 'Evas tavla', locale: 'sv', includeStarterNotes: false }),
    })
    await store.boards.setRole(theirs.id, lead.id, 'participant')
    await expect(rounds.addExisting(lead, created.round.id, theirs.id, 'Eva')).rejects.toMatchObject({ status: 403 })
    await expect(rounds.addExisting(lead, created.round.id, 'no-such-board', 'X')).rejects.toMatchObject({ status: 403 })
    await expect(
      rounds.create(lead, { name: 'Smyg', period: '2027', locale: 'sv', branches: [], existing: [{ boardId: theirs.id, branch: 'Eva' }] }),
    ).rejects.toMatchObject({ status: 403 })
    expect(await store.rounds.roundsOfBoard(theirs.id)).toEqual([])

    // A branch facilitator who starts a round of their own cannot pull in boards of this one.
    const own = await rounds.create(branchLead, { name: 'Egen', period: '2027', locale: 'sv', branches: [] })
    await expect(rounds.addExisting(branchLead, own.round.id, created.centralBoardId, 'Central')).rejects.toMatchObject({ status: 403 })
    await expect(rounds.promote(branchLead, own.round.id, { boardId: created.centralBoardId, id: 'shape:x' })).rejects.toMatchObject({
      status: 404,
    })

    // The board's own facilitator may add it; the round's facilitators then hold it too.
    await rounds.addExisting(
      { id: stranger.id, name: stranger.name },
      (await rounds.create({ id: stranger.id, name: stranger.name }, { name: 'Evas', period: '2027', locale: 'sv', branches: [] })).round
        .id,
      theirs.id,
      'Eva',
    )
    expect(await store.boards.roleOf(theirs.id, lead.id)).toBe('participant')
    // Unknown rounds are unknown.
    await expect(rounds.overview(lead, 'no-such-round')).rejects.toMatchObject({ status: 404 })
  })
})
