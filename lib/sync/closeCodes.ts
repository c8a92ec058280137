/**
 * The WebSocket close codes of the sync server, and the closes that more than one side names:
 * the server sends them (server/sync), route handlers ask for them (`app.sync.disconnect`) and
 * the client acts on them (lib/sync/connectBoard.ts). One table, so the three cannot drift.
 *
 * Codes 4400–4499 tell the stock y-websocket client not to reconnect: the same request would
 * fail again. Our client then decides itself (a fresh ticket after 4401, a notice after 4403).
 */

export const CloseCode = {
  /** A message could not be decoded or applied. */
  malformed: 4400,
  /** No valid room token (missing, forged or expired). The client should get a new one. */
  unauthenticated: 4401,
  /** A valid token that does not allow this board or this action. */
  forbidden: 4403,
  /** The board does not exist. */
  notFound: 4404,
  /** An update that would grow the document (or the sender's share of it) beyond its limit. */
  docTooLarge: 4413,
  /** Too many messages or bytes per second from this socket, or the room is full. */
  rateLimited: 4429,
  /** A rule broken that is not about the wire format (e.g. speaking for too many presence ids). */
  policy: 1008,
  /** A frame over the size limit (sent by the socket library itself). */
  messageTooBig: 1009,
  /** The room could not persist an update; reconnecting re-sends it. */
  serverError: 1011,
  /** The server is shutting down or restarting; reconnect later. */
  restarting: 1012,
  /** The client read too slowly (its unsent backlog passed the limit); reconnect and re-sync. */
  tryAgainLater: 1013,
} as const

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** A close with its code and the reason sent with it (what logs, metrics and tests see). */
export interface Close {
  readonly code: CloseCode
  readonly reason: string
}

/**
 * Closes asked for outside the sync server's own checks: by route handlers and services when
 * access changes, and by the server's periodic revalidation, which must send the same ones.
 */
export const Closes = {
  /** The person's role on the board changed: reconnect with a token for the new role. */
  roleChanged: { code: CloseCode.unauthenticated, reason: 'role changed' },
  /** The person (or their invite link) lost access to the board. */
  accessRevoked: { code: CloseCode.forbidden, reason: 'access revoked' },
  /** The person's account was deleted. */
  accountRemoved: { code: CloseCode.forbidden, reason: 'account removed' },
  /** The person signed out on every device. */
  signedOutEverywhere: { code: CloseCode.unauthenticated, reason: 'signed out everywhere' },
  /** The board was deleted (or was already gone when its deletion was replayed). */
  boardDeleted: { code: CloseCode.notFound, reason: 'board deleted' },
} as const satisfies Record<string, Close>
