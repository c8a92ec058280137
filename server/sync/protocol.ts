/**
 * The standard y-websocket wire protocol (y-protocols), plus the close codes this server uses.
 * Codes 4400–4499 tell the stock client not to reconnect: the same request would fail again.
 */
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

/** Thrown for messages that break the protocol; the sender's socket is closed with 4400. */
export class ProtocolError extends Error {}

export const messageSync = 0
export const messageAwareness = 1
export const messageAuth = 2
export const messageQueryAwareness = 3

export const CloseCode = {
  /** A message could not be decoded or applied. */
  malformed: 4400,
  /** No valid room token (missing, forged or expired). The client should get a new one. */
  unauthenticated: 4401,
  /** A valid token that does not allow this board or this action. */
  forbidden: 4403,
  /** The board does not exist. */
  notFound: 4404,
  /** An update that would grow the document beyond its limit. */
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

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep1(encoder, doc)
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeSyncStep2(encoder, doc, stateVector)
  return encoding.toUint8Array(encoder)
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  syncProtocol.writeUpdate(encoder, update)
  return encoding.toUint8Array(encoder)
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageAwareness)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}
