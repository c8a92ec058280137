/**
 * Tells a board's facilitators before its document reaches its size limit. When the document
 * passes `warnPercent` of `SYNC_MAX_DOC_BYTES`, the server writes how full it is into the
 * session map (`docFill`, lib/board/session.ts), which every client already follows; the
 * facilitator's board shows it (components/board/DocFillNotice.tsx). Below the threshold the
 * entry is cleared again.
 *
 * It is written only when the fullness crosses a band of five percent, so a busy board gets a
 * handful of writes, not one per edit. Whether the document is over the threshold is first
 * judged from {@link DocSizeLimit}'s estimate, an upper bound: below the threshold it is
 * certain. Above it the document is measured, at most once per `remeasureAfter` bytes applied
 * or, after deletions, once per `remeasureEveryMs` — measuring costs time in proportion to the
 * document's size.
 */
import type * as Y from 'yjs'
import { readSession, type DocFill } from '../../lib/board/session'
import type { DocSizeLimit } from './docSizeLimit'

export interface DocFillOptions {
  /** From which fullness (percent of the limit) facilitators are warned. */
  warnPercent: number
  /** After deletions, how long until the document is measured again to see whether it shrank. */
  remeasureEveryMs: number
  now?: () => number
}

/** The band a fullness falls in: null below the threshold, else a multiple of 5 (100 at most). */
export function fillBand(percent: number, warnPercent: number): number | null {
  if (percent < warnPercent) return null
  return Math.min(100, percent - (percent % 5))
}

export class DocFillWatch {
  private scheduled = false
  private timer: NodeJS.Timeout | null = null
  private stopped = false

  constructor(
    private readonly doc: Y.Doc,
    private readonly size: DocSizeLimit,
    private readonly options: DocFillOptions,
    /** Writes the new fullness into the doc on the server's authority. */
    private readonly write: (fill: DocFill | null) => void,
  ) {
    doc.on('update', this.onUpdate)
  }

  private onUpdate = () => {
    if (this.scheduled || this.stopped) return
    this.scheduled = true
    // After the transaction that changed the doc, and coalescing a burst of updates into one check.
    setImmediate(() => {
      this.scheduled = false
      this.check()
    })
  }

  /** Judges the document's fullness now and writes it when its band changed. */
  check(): void {
    if (this.stopped) return
    const now = (this.options.now ?? Date.now)()
    const max = this.size.maxBytes
    let bytes = this.size.estimate
    if (bytes * 100 >= max * this.options.warnPercent) {
      const due = this.size.measuredAt === null ? 0 : this.size.measuredAt + this.options.remeasureEveryMs - now
      if (
        this.size.measuredAt === null ||
        this.size.sinceMeasured >= this.size.remeasureAfter ||
        (due <= 0 && this.size.sinceMeasured > 0)
      ) {
        bytes = this.size.measure(now)
      } else if (this.size.sinceMeasured > 0) {
        this.later(due)
      }
    }
    const percent = Math.min(100, Math.floor((bytes * 100) / max))
    const band = fillBand(percent, this.options.warnPercent)
    const current = readSession(this.doc).docFill
    const currentBand = current === null ? null : fillBand(current.percent, this.options.warnPercent)
    if (band === currentBand) return
    this.write(band === null ? null : { percent, at: now })
  }

  private later(ms: number) {
    if (this.timer) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.check()
    }, ms)
    this.timer.unref()
  }

  stop(): void {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.doc.off('update', this.onUpdate)
  }
}
