/**
 * What a client's update may carry, checked before it touches a room's doc. A board's doc holds
 * only plain JSON values (records in an array, metadata in maps), so an update may add nothing
 * else: no nested shared types, text, embeds or binaries. And the JSON it adds must be shallow:
 * Yjs decodes arrays nested thousands deep, but `Y.encodeStateAsUpdate` (and `JSON.stringify`)
 * recurse over them and overflow the stack — one such value would leave the room unable to
 * serve, snapshot or back up its state.
 */
import * as Y from 'yjs'

/** Deepest nesting of arrays and objects a value may have (a rich-text note needs about 12). */
export const MAX_CONTENT_DEPTH = 48

/** Why an update's content is refused, or null when it may be applied. Throws on malformed bytes. */
export function refusedContent(update: Uint8Array, maxDepth = MAX_CONTENT_DEPTH): string | null {
  const { structs } = Y.decodeUpdate(update)
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    const { content } = struct
    if (content instanceof Y.ContentDeleted) continue
    if (!(content instanceof Y.ContentAny)) return `content of kind ${content.constructor.name}`
    for (const value of content.arr) {
      if (depthOf(value, maxDepth) > maxDepth) return `values nested deeper than ${maxDepth}`
    }
  }
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
