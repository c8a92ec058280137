/**
 * Which records a client may write into a board's doc: those a browser would accept. Browsers
 * validate every record against the board's schema when they load it, and one that does not
 * validate stops the whole board from opening; the server knows the same schema
 * (lib/board/schema.ts), so it refuses such records before anyone else receives them.
 *
 * It also refuses what would make everyone's browser fetch from another site: embeds, videos,
 * bookmarks and assets that point off-site. The content security policy blocks those requests
 * too (next.config.js); refusing them here keeps the board free of shapes that show nothing.
 *
 * And it refuses shapes of a size or place no person makes: a note a billion units tall is
 * valid to the schema, but *Visa hela tavlan* would then show everyone a yellow strip at 5 %.
 */
import type { TLRecord } from '@tldraw/tlschema'
import { boardSchema } from '../../lib/board/schema'
import { absurdGeometry } from '../../lib/board/shapeBounds'

/** Shape and asset types whose whole point is to load another site's content. */
const OFF_SITE_SHAPES = new Set(['embed', 'video', 'bookmark'])
const OFF_SITE_ASSETS = new Set(['video', 'bookmark'])

/** A source the browser loads from this server or from the page itself. */
function isLocalSource(src: unknown): boolean {
  if (src === null || src === undefined) return true
  if (typeof src !== 'string') return false
  return src.startsWith('data:') || src.startsWith('blob:') || (src.startsWith('/') && !src.startsWith('//') && !src.includes('\\'))
}

/** Why the record entry `key` → `value` may not be written by a client, or null when it may. */
export function refusedRecord(key: string, value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'not a record'
  const record = value as TLRecord
  if (record.id !== key) return 'key and record id differ'
  const type = (boardSchema.types as Record<string, (typeof boardSchema.types)[keyof typeof boardSchema.types] | undefined>)[
    record.typeName
  ]
  if (!type || type.scope !== 'document') return `records of type ${String(record.typeName)}`
  try {
    type.validate(record)
  } catch (error) {
    return `invalid ${record.typeName}: ${(error as Error).message.slice(0, 200)}`
  }
  if (record.typeName === 'shape') {
    if (OFF_SITE_SHAPES.has(record.type)) return `${record.type} shapes`
    const absurd = absurdGeometry(record)
    if (absurd) return absurd
  }
  if (record.typeName === 'asset') {
    if (OFF_SITE_ASSETS.has(record.type)) return `${record.type} assets`
    if (!isLocalSource((record.props as { src?: unknown }).src)) return 'assets from another site'
  }
  return null
}
