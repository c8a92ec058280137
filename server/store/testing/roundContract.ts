/**
 * The part of the store contract about planning rounds. Run by {@link describeStoreContract}
 * for every implementation.
 */
import { describe, expect, it } from 'vitest'
import type { BoardRecord, Store, UserRecord } from '../../../lib/store/types'
import { boardFixture } from './contractFixture'
import type { OpenedStore } from './contractFixture'

export function describeRoundContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`${name} store contract: planning rounds`, () => {
    let store: Store
    let facilitator: UserRecord
    let board: BoardRecord
    const { newBoard } = boardFixture(open, (fixture) => ({ store, facilitator, board } = fixture))

    const newRound = () =>
      store.rounds.create({ name: 'Verksamhetsplan 2027', period: '2027', templateVersion: 2, createdBy: facilitator.id })

    it('creates a round whose creator facilitates it', async () => {
      const round = await newRound()
      expect(await store.rounds.get(round.id)).toEqual(round)
      expect(round).toMatchObject({ name: 'Verksamhetsplan 2027', period: '2027', templateVersion: 2, createdBy: facilitator.id })
      expect(await store.rounds.isFacilitator(round.id, facilitator.id)).toBe(true)
      expect(await store.rounds.facilitators(round.id)).toEqual([facilitator.id])
      expect(await store.rounds.listForUser(facilitator.id)).toEqual([round])
      expect(await store.rounds.get('no-such-round')).toBeNull()
    })

    it('knows only its own facilitators, and forgets a removed person', async () => {
      const round = await newRound()
      const bertil = await store.users.create({ email: 'bertil@bibliotek.example.se', name: 'Bertil Ek', passwordHash: null })
      expect(await store.rounds.isFacilitator(round.id, bertil.id)).toBe(false)
      expect(await store.rounds.listForUser(bertil.id)).toEqual([])
      await store.rounds.addFacilitator(round.id, bertil.id)
      await store.rounds.addFacilitator(round.id, bertil.id)
      expect(await store.rounds.isFacilitator(round.id, bertil.id)).toBe(true)
      expect((await store.rounds.facilitators(round.id)).sort()).toEqual([facilitator.id, bertil.id].sort())
      await store.users.remove(bertil.id, 'Borttagen')
      expect(await store.rounds.isFacilitator(round.id, bertil.id)).toBe(false)
      expect(await store.rounds.facilitators(round.id)).toEqual([facilitator.id])
    })

    it('lists its boards central first, then branches by Swedish name, leaving out deleted ones', async () => {
      const round = await newRound()
      const names = ['Östermalm', 'Axelsberg', 'Älvsjö', 'Skärholmen']
      const boards = await Promise.all(names.map((n) => newBoard(n)))
      for (const [i, b] of boards.entries()) await store.rounds.addBoard(round.id, { boardId: b.id, kind: 'branch', branch: names[i] })
      await store.rounds.addBoard(round.id, { boardId: board.id, kind: 'central', branch: 'Centralt' })
      expect((await store.rounds.boards(round.id)).map((b) => b.branch)).toEqual([
        'Centralt',
        'Axelsberg',
        'Skärholmen',
        'Älvsjö',
        'Östermalm',
      ])
      await store.boards.setDeleted(boards[1].id, Date.now())
      expect((await store.rounds.boards(round.id)).map((b) => b.branch)).toEqual(['Centralt', 'Skärholmen', 'Älvsjö', 'Östermalm'])
      expect(await store.rounds.roundsOfBoard(boards[0].id)).toEqual([
        expect.objectContaining({ roundId: round.id, kind: 'branch', branch: 'Östermalm' }),
      ])
    })

    it('refuses a second central board and the same board twice', async () => {
      const round = await newRound()
      const other = await newBoard('Annan')
      await store.rounds.addBoard(round.id, { boardId: board.id, kind: 'central', branch: 'Centralt' })
      await expect(store.rounds.addBoard(round.id, { boardId: other.id, kind: 'central', branch: 'Centralt 2' })).rejects.toThrow()
      await expect(store.rounds.addBoard(round.id, { boardId: board.id, kind: 'branch', branch: 'Igen' })).rejects.toThrow()
      expect((await store.rounds.boards(round.id)).map((b) => b.boardId)).toEqual([board.id])
    })

    it('marks a board done and not done again', async () => {
      const round = await newRound()
      await store.rounds.addBoard(round.id, { boardId: board.id, kind: 'branch', branch: 'Skärholmen' })
      expect(await store.rounds.setDone(round.id, board.id, 1234)).toBe(true)
      expect((await store.rounds.boards(round.id))[0].doneAt).toBe(1234)
      expect(await store.rounds.setDone(round.id, board.id, null)).toBe(true)
      expect((await store.rounds.boards(round.id))[0].doneAt).toBeNull()
      expect(await store.rounds.setDone(round.id, 'not-in-round', 1)).toBe(false)
    })

    it('purging a board takes it out of its rounds', async () => {
      const round = await newRound()
      await store.rounds.addBoard(round.id, { boardId: board.id, kind: 'branch', branch: 'Skärholmen' })
      await store.boards.purge(board.id)
      expect(await store.rounds.boards(round.id)).toEqual([])
      expect(await store.rounds.roundsOfBoard(board.id)).toEqual([])
    })
  })
}
