/**
 * How large a room's document may grow. Measuring a document (`Y.encodeStateAsUpdate`) costs
 * time in proportion to its size, so it is not done per update: the size is estimated from
 * the last measurement plus every update applied since (an overestimate: deletions count as
 * growth), and measured again only when the estimate reaches the limit and enough has been
 * added since the last measurement — a client sending tiny updates at the limit cannot make
 * the server re-measure a large document for each one.
 */
import * as Y from 'yjs'

export class DocSizeLimit {
  private base: number
  private growth = 0
  private measured = false
  /** When the document was last measured (epoch ms), or null before the first measurement. */
  measuredAt: number | null = null
  readonly remeasureAfter: number

  constructor(
    private readonly doc: Y.Doc,
    readonly maxBytes: number,
    /** What the store holds (snapshot and log): an upper bound until the first measurement. */
    storedBytes: number,
  ) {
    this.base = storedBytes
    this.remeasureAfter = Math.max(64 * 1024, Math.floor(maxBytes / 64))
    doc.on('update', this.onUpdate)
  }

  private onUpdate = (update: Uint8Array) => {
    this.growth += update.byteLength
  }

  /** The document's size as last measured or estimated, in bytes. */
  get estimate(): number {
    return this.base + this.growth
  }

  /** Bytes applied since the last measurement (deletions included). */
  get sinceMeasured(): number {
    return this.growth
  }

  /** Whether an update of `bytes` may be applied without the document outgrowing the limit. */
  admits(bytes: number): boolean {
    if (this.estimate + bytes <= this.maxBytes) return true
    if (this.measured && this.growth < this.remeasureAfter) return false
    this.measure()
    return this.base + bytes <= this.maxBytes
  }

  /** Measures the document now (time in proportion to its size); returns its size in bytes. */
  measure(now = Date.now()): number {
    this.base = Y.encodeStateAsUpdate(this.doc).byteLength
    this.growth = 0
    this.measured = true
    this.measuredAt = now
    return this.base
  }

  detach(): void {
    this.doc.off('update', this.onUpdate)
  }
}
