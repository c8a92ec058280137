/**
 * The place and size no person gives a shape. The schema accepts any finite number, but a note
 * a billion units tall (or a shape a hundred million units out) makes *Visa hela tavlan* show
 * everyone a strip at 5 %: the server refuses such shapes from clients (server/sync/recordGuard.ts)
 * and in backups (lib/export/validateRecords.ts). The largest zone the layout makes is under
 * 10,000 units wide; these limits leave every honest drawing far inside them.
 */
import type { TLShape } from '@tldraw/tlschema'

const MAX_COORDINATE = 1_000_000
const MAX_SIDE = 100_000
const MAX_SCALE = 50

/** Why a shape's place or size is beyond what anyone draws, or null. */
export function absurdGeometry(shape: TLShape): string | null {
  if (Math.abs(shape.x) > MAX_COORDINATE || Math.abs(shape.y) > MAX_COORDINATE) return 'a shape that far out'
  const props = shape.props as Record<string, unknown>
  for (const side of ['w', 'h', 'growY'] as const) {
    const value = props[side]
    if (typeof value === 'number' && value > MAX_SIDE) return `a shape with ${side} ${value}`
  }
  if (typeof props.scale === 'number' && props.scale > MAX_SCALE) return `a shape at scale ${props.scale}`
  return null
}
