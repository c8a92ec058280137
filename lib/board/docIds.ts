/**
 * Names of the Yjs documents (and sync rooms) of a board. The board's own document is named
 * by the board id. During a private round each person writes new notes into a private
 * document of their own, which only they (and the server) ever see until the facilitator
 * reveals the round.
 */
const PRIVATE_SEPARATOR = '~private~'

export type DocName = { kind: 'board'; boardId: string } | { kind: 'private'; boardId: string; userId: string }

export function boardDocId(boardId: string): string {
  return boardId
}

export function privateDocId(boardId: string, userId: string): string {
  return `${boardId}${PRIVATE_SEPARATOR}${userId}`
}

/** The prefix shared by every private document of a board (to list them in the store). */
export function privateDocPrefix(boardId: string): string {
  return `${boardId}${PRIVATE_SEPARATOR}`
}

export function parseDocId(docId: string): DocName {
  const at = docId.indexOf(PRIVATE_SEPARATOR)
  if (at === -1) return { kind: 'board', boardId: docId }
  return { kind: 'private', boardId: docId.slice(0, at), userId: docId.slice(at + PRIVATE_SEPARATOR.length) }
}
