/**
 * What a client's update may carry, checked before it touches a room's doc. A board's doc holds
 * only plain JSON values (records in an array, metadata in maps), so an update may add nothing
 * else: no nested shared types, text, embeds or binaries. And the JSON it adds must be shallow:
 * Yjs decodes arrays nested thousands deep, but `Y.encodeStateAsUpdate` (and `JSON.stringify`)
 * recurse over them and overflow the stack — one such value would leave the room unable to
 * serve, snapshot or back up its state.
 *
 * It may write only the doc's own root types (lib/board/docLayout.ts `DOC_ROOTS`), each as its
 * kind: list entries in the record array, keyed entries in the maps. Yjs creates any root an
 * update names, and every client would receive, store and carry it from then on.
 *
 * Where an item goes is written in the update only when it has no neighbour (no `origin` and
 * no `rightOrigin`); otherwise Yjs places it beside its neighbour, in the neighbour's type and
 * under its key. Neighbours are items of this update (checked here) or of the doc (which holds
 * only what passed these checks), so checking every item that names its place is enough.
 * An item whose place is another item (a nested type) is refused: the layout has none.
 */
import * as Y from 'yjs'
import { DOC_ROOTS } from '../../lib/board/docLayout'

/** Deepest nesting of arrays and objects a value may have (a rich-text note needs about 12). */
export const MAX_CONTENT_DEPTH = 48

/** Why an update's content is refused, or null when it may be applied. Throws on malformed bytes. */
export function refusedContent(
  update: Uint8Array,
  maxDepth = MAX_CONTENT_DEPTH,
  roots: Readonly<Record<string, 'array' | 'map'>> = DOC_ROOTS,
): string | null {
  const { structs } = Y.decodeUpdate(update)
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    const misplaced = refusedPlace(struct, roots)
    if (misplaced !== null) return misplaced
    const { content } = struct
    if (content instanceof Y.ContentDeleted) continue
    if (!(content instanceof Y.ContentAny)) return `content of kind ${content.constructor.name}`
    for (const value of content.arr) {
      if (depthOf(value, maxDepth) > maxDepth) return `values nested deeper than ${maxDepth}`
    }
  }
  return null
}

/** Why an item's stated place is not one of the doc's, or null (also when it states none). */
function refusedPlace(item: Y.Item, roots: Readonly<Record<string, 'array' | 'map'>>): string | null {
  if (item.origin !== null || item.rightOrigin !== null) return null
  const parent: unknown = item.parent
  if (typeof parent !== 'string') return parent === null ? null : 'an item inside another item'
  const kind = Object.hasOwn(roots, parent) ? roots[parent] : undefined
  if (kind === undefined) return `root type ${JSON.stringify(parent.slice(0, 60))}`
  if (kind === 'array' && item.parentSub !== null) return `keyed entries in ${parent}`
  if (kind === 'map' && item.parentSub === null) return `list entries in ${parent}`
  return null
}

/**
 * How deeply `value` nests, counting each array or object as one level; stops counting once it
 * passes `limit`. Walks with its own stack, so a hostile value cannot overflow this one.
 */
export function depthOf(value: unknown, limit: number): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!
    if (typeof current !== 'object' || current === null) continue
    const level = depth + 1
    if (level > deepest) deepest = level
    if (deepest > limit) return deepest
    const children = Array.isArray(current) ? current : Object.values(current)
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push([child, level])
    }
  }
  return deepest
}
