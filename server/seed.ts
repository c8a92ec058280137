/**
 * Demo data for a new installation: a facilitator, a participant and one workshop board with
 * the starter notes, so `npm start` opens onto something real. Runs only on an empty database.
 */
import { hashPassword, verifyPassword } from '../lib/auth/password'
import { createBoardState } from '../lib/board/createBoardDoc'
import type { Store } from '../lib/store/types'

export const DEMO_PASSWORD = 'strategitavlan'
export const DEMO_USERS = {
  facilitator: { email: 'demo@example.org', name: 'Fia Facilitator' },
  participant: { email: 'deltagare@example.org', name: 'Per Deltagare' },
} as const
export const DEMO_BOARD_NAME = 'Verksamhetsplan – workshop'

export async function seedDemo(store: Store): Promise<{ seeded: boolean }> {
  if ((await store.users.count()) > 0) return { seeded: false }
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const facilitator = await store.users.create({ ...DEMO_USERS.facilitator, passwordHash, isAdmin: true })
  const participant = await store.users.create({ ...DEMO_USERS.participant, passwordHash })
  const board = await store.boards.create({
    name: DEMO_BOARD_NAME,
    locale: 'sv',
    createdBy: facilitator.id,
    initialState: createBoardState({ name: DEMO_BOARD_NAME, locale: 'sv', includeStarterNotes: true }),
  })
  await store.boards.setRole(board.id, participant.id, 'participant')
  return { seeded: true }
}

/**
 * The demo accounts that can still be signed in to with the published demo password (the
 * facilitator is an administrator): worth a warning at every start until they are changed.
 */
export async function demoAccountsWithDemoPassword(store: Store): Promise<string[]> {
  const open: string[] = []
  for (const { email } of Object.values(DEMO_USERS)) {
    const user = await store.users.findByEmail(email)
    if (user?.passwordHash && (await verifyPassword(user.passwordHash, DEMO_PASSWORD))) open.push(email)
  }
  return open
}
