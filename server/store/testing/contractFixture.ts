/**
 * The fixture the invite and snapshot contracts share: before each test a fresh store with one
 * facilitator (Anna Lind) and one board of hers ("Tavla"), closed again after it.
 */
import { afterEach, beforeEach } from 'vitest'
import { createBoardState } from '../../../lib/board/createBoardDoc'
import type { BoardRecord, Store, UserRecord } from '../../../lib/store/types'

/** A store opened for one test, and how to close it again. */
export interface OpenedStore {
  store: Store
  /** Closes the store and removes whatever opening it created. */
  cleanup(): Promise<void>
}

export interface BoardFixture {
  store: Store
  facilitator: UserRecord
  board: BoardRecord
}

/**
 * Registers the fixture's hooks in the calling `describe` block; `ready` is handed each test's
 * store, facilitator and board. `newBoard` makes another board of the facilitator's.
 */
export function boardFixture(
  open: () => Promise<OpenedStore>,
  ready: (fixture: BoardFixture) => void,
): { newBoard(boardName: string): Promise<BoardRecord> } {
  let opened: OpenedStore
  let store: Store
  let facilitator: UserRecord

  beforeEach(async () => {
    opened = await open()
    store = opened.store
    facilitator = await store.users.create({ email: 'anna@bibliotek.example.se', name: 'Anna Lind', passwordHash: null })
    ready({ store, facilitator, board: await newBoard('Tavla') })
  })

  afterEach(async () => {
    await opened.cleanup()
  })

  function newBoard(boardName: string) {
    return store.boards.create({
      name: boardName,
      locale: 'sv',
      createdBy: facilitator.id,
      initialState: createBoardState({ name: boardName, locale: 'sv', includeStarterNotes: false }),
    })
  }

  return { newBoard }
}
