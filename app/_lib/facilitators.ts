import type { AppContext } from '@/lib/runtime/appContext'

/** True when giving `userId` another role, or none, would leave the board without a facilitator. */
export async function wouldLeaveNoFacilitator(app: AppContext, boardId: string, userId: string): Promise<boolean> {
  const members = await app.store.boards.members(boardId)
  const facilitators = members.filter((m) => m.role === 'facilitator')
  return facilitators.length === 1 && facilitators[0].userId === userId
}
