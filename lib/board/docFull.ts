/**
 * A board's document has a size limit, and each person (and each invite link's guests) a share
 * of it (server/sync/docShares.ts). The sync server closes a socket whose update would pass
 * either with `CloseCode.docTooLarge` (4413, lib/sync/closeCodes.ts); the server's own writes
 * (notes from phones, the reveal) are refused with a {@link DocFullError}, which routes answer
 * with 413.
 */

/** Thrown by a server-side write that would grow a document beyond its limit. */
export class DocFullError extends Error {
  constructor(
    readonly docId: string,
    readonly addsBytes: number,
  ) {
    super(`document ${docId} is full`)
    this.name = 'DocFullError'
  }
}

export function isDocFullError(error: unknown): error is DocFullError {
  return error instanceof Error && error.name === 'DocFullError'
}
