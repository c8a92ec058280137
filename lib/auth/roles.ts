/** What a person may do on one board. */
export const BOARD_ROLES = ['facilitator', 'participant', 'observer'] as const
export type BoardRole = (typeof BOARD_ROLES)[number]

export function isBoardRole(value: unknown): value is BoardRole {
  return typeof value === 'string' && (BOARD_ROLES as readonly string[]).includes(value)
}

export function canEditNotes(role: BoardRole): boolean {
  return role === 'facilitator' || role === 'participant'
}
