/**
 * Who wrote a note is the server's to say, not the client's. A shape's `meta.createdBy` is what
 * the board, the outline and the reports show as its author; a modified client could otherwise
 * put words in anyone's name, or rename the author of someone else's note.
 *
 * For every shape record a socket writes (the template guard's `rewrites`, ./templateGuard.ts):
 * - a shape the document already had (or had before a delete an undo takes back) keeps the
 *   author it had — whatever the change says, and on an anonymous board too;
 * - a new shape on an anonymous board carries no author;
 * - a new shape that names an author names the socket's own person, as the room token says
 *   (`sub` and `name`); one that names none stays without.
 * The same holds for tldraw's own attribution, a note's `props.textFirstEditedBy` (the first
 * writer's id, kept once set); and a socket's `user:` record is its own person's, under the
 * token's name (another person's is refused by the room's guard).
 * A wrong claim is corrected in the guard's follow-up transaction, not refused: an honest client
 * pasting someone else's note keeps their `createdBy`, and one creating a note as the board
 * turns anonymous still stamps its author.
 */
import type * as Y from 'yjs'
import { readSession } from '../../lib/board/session'

export interface Author {
  id: string
  name: string
}

type ShapeLike = { typeName: 'shape'; meta?: Record<string, unknown>; props?: Record<string, unknown> }

function isShape(value: unknown): value is ShapeLike {
  return typeof value === 'object' && value !== null && (value as { typeName?: unknown }).typeName === 'shape'
}

/** The author a stored shape names, as stored (undefined when none). */
function authorOf(shape: ShapeLike): unknown {
  const meta = shape.meta
  return meta && typeof meta === 'object' && Object.hasOwn(meta, 'createdBy') ? meta.createdBy : undefined
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The rewrite for one change by `author`'s socket. `anonymous` says whether the board records
 * no authors (read only when a new shape needs it).
 */
export function authorshipRewrite(author: Author, anonymous: () => boolean): (key: string, value: unknown, previous: unknown) => unknown {
  return (key, value, previous) => {
    if (isUserRecord(value)) {
      // Only the socket's own (another person's is refused: isAnotherPersonsUserRecord), named as the token says.
      return key === ownUserRecordId(author.id) && value.name !== author.name ? { ...value, name: author.name } : null
    }
    if (!isShape(value)) return null
    let next: ShapeLike = value
    const claimed = authorOf(value)
    let wanted: unknown
    if (isShape(previous)) wanted = authorOf(previous)
    else if (claimed === undefined || anonymous()) wanted = undefined
    else wanted = { id: author.id, name: author.name }
    if (!same(claimed, wanted)) {
      const meta: Record<string, unknown> = { ...(value.meta ?? {}) }
      if (wanted === undefined) delete meta.createdBy
      else meta.createdBy = wanted
      next = { ...next, meta }
    }
    // tldraw's own attribution: a note's first writer (a person's id, shown through their
    // `user:` record). Once set it stays; a new one is the socket's own person, or none on an
    // anonymous board. Clearing it (tldraw does when the text is emptied) is anyone's.
    const props = value.props
    if (props && typeof props === 'object' && Object.hasOwn(props, 'textFirstEditedBy')) {
      const claimedBy = props.textFirstEditedBy
      const before =
        isShape(previous) && previous.props && typeof previous.props === 'object' ? previous.props.textFirstEditedBy : undefined
      let wantedBy = claimedBy
      if (typeof claimedBy === 'string') wantedBy = typeof before === 'string' && before ? before : anonymous() ? null : author.id
      if (wantedBy !== claimedBy) next = { ...next, props: { ...props, textFirstEditedBy: wantedBy } }
    }
    return next === value ? null : next
  }
}

/** tldraw's record for a person (`createUserId`): `user:<their id>`. */
const ownUserRecordId = (userId: string) => `user:${userId}`

function isUserRecord(value: unknown): value is { typeName: 'user'; name?: unknown } {
  return typeof value === 'object' && value !== null && (value as { typeName?: unknown }).typeName === 'user'
}

/** Whether `key` is a tldraw `user:` record of anyone but `userId`: no socket of theirs may write it. */
export function isAnotherPersonsUserRecord(key: string, userId: string): boolean {
  return key.startsWith('user:') && key !== ownUserRecordId(userId)
}

/** Whether the board (its own doc) is anonymous; false for a private doc, which has no session. */
export function boardIsAnonymous(doc: Y.Doc): boolean {
  return readSession(doc).anonymous
}
