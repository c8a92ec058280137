/**
 * Keeps a board's layout whole whatever its clients write (see docs/sync.md, "Layout"). The
 * browser places the notes it creates and the server the notes it writes, but two people
 * adding at once pick the same free cell, a modified client may drop a note anywhere, a note
 * grows with its text, and a zone in a browser cannot grow. So after a quiet moment on a board
 * the keeper runs the board's layout (lib/board/boardLayout.ts) over the document: misplaced
 * notes move to free places in their own zones, full zones grow and the map re-flows.
 *
 * Notes a client changed in the last `pinMs` are left alone (nobody's note jumps while they
 * type or drag); the keeper looks again once they are quiet. A note still empty is left alone
 * for `blankPinMs`: it was just made (Lägg till idé) and its author is about to type, and a
 * move written then, at the same moment as their first keys, could win over them — records are
 * written whole, so the text would be lost and the note, empty, deleted at Esc. Its result is a fixed point of
 * the layout — a second pass over it changes nothing — so the keepers of one board on several
 * nodes agree once their documents have converged, and each writes nothing the other has not.
 */
import type * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { arrangeRecords } from '../../lib/board/arrangeRecords'
import { readRecords, recordsArray, setRecords, type RecordEntry } from '../../lib/board/docLayout'
import { migrateTemplate } from '../../lib/board/templateMigration'
import { isNoteShape } from '../../lib/board/areaOfPoint'
import { plainTextFromRichText } from '../../lib/board/richText'

export const LAYOUT_KEEPER_ORIGIN = Symbol('layout keeper')

export interface LayoutKeeperOptions {
  /** How long a board must be quiet before the keeper looks (ms). */
  quietMs: number
  /** The longest a busy board waits for a look (ms). */
  maxWaitMs: number
  /** How long after a client's change its record is left alone (ms). */
  pinMs: number
  /** How long after a client's change a note with no text yet is left alone (ms). */
  blankPinMs: number
}

export const DEFAULT_LAYOUT_KEEPER: LayoutKeeperOptions = { quietMs: 600, maxWaitMs: 3000, pinMs: 1500, blankPinMs: 30_000 }

export interface LayoutKeeper {
  /** Runs a pass now (tests, and a room about to be written out). Returns records changed. */
  arrange(): number
  stop(): void
}

export function attachLayoutKeeper(
  doc: Y.Doc,
  options: Partial<LayoutKeeperOptions> = {},
  onArranged: (changed: number) => void = () => {},
): LayoutKeeper {
  const { quietMs, maxWaitMs, pinMs, blankPinMs } = { ...DEFAULT_LAYOUT_KEEPER, ...options }
  const records = recordsArray(doc)
  /** When a client last changed each record (performance.now()). */
  const changedAt = new Map<string, number>()
  let timer: NodeJS.Timeout | null = null
  let waitingSince: number | null = null
  let stopped = false

  /** Looks after `delay`; a busy board waits at most `maxWaitMs` unless `patient` (pins to run out). */
  const schedule = (delay: number, patient = false) => {
    const now = performance.now()
    if (!patient) waitingSince ??= now
    const due = waitingSince === null ? now + delay : Math.min(now + delay, waitingSince + maxWaitMs)
    if (timer) clearTimeout(timer)
    timer = setTimeout(run, Math.max(0, due - now))
    timer.unref?.()
  }

  const observer = (event: Y.YArrayEvent<RecordEntry>, transaction: Y.Transaction) => {
    if (transaction.origin === LAYOUT_KEEPER_ORIGIN) return
    const now = performance.now()
    for (const item of event.changes.added) {
      for (const entry of item.content.getContent() as RecordEntry[]) {
        if (entry && typeof entry.key === 'string') changedAt.set(entry.key, now)
      }
    }
    schedule(quietMs)
  }
  records.observe(observer)

  function arrange(): number {
    if (stopped) return 0
    const now = performance.now()
    const all = readRecords(doc)
    const pinned = new Set<string>()
    /** When the first pin runs out: the keeper looks again then (a change looks sooner). */
    let nextLook = Number.POSITIVE_INFINITY
    for (const [key, at] of changedAt) {
      const until = at + (isBlankNote(all.get(key)) ? Math.max(pinMs, blankPinMs) : pinMs)
      if (now < until) {
        pinned.add(key)
        nextLook = Math.min(nextLook, until)
      } else changedAt.delete(key)
    }
    let changed = 0
    doc.transact(() => {
      // The records read above stand unless the template migration changed them.
      const migrated = migrateTemplate(doc)
      if (migrated) changed++
      const records = arrangeRecords(migrated ? readRecords(doc) : all, { pinned })
      setRecords(doc, records)
      changed += records.length
    }, LAYOUT_KEEPER_ORIGIN)
    if (pinned.size > 0) schedule(Math.max(pinMs, nextLook - now), true)
    return changed
  }

  function run() {
    timer = null
    waitingSince = null
    if (stopped) return
    const changed = arrange()
    if (changed > 0) onArranged(changed)
  }

  // A board just loaded may predate the current template or hold notes a client left astray.
  schedule(0)

  return {
    arrange,
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      records.unobserve(observer)
    },
  }
}

function isBlankNote(record: TLRecord | undefined): boolean {
  return isNoteShape(record) && plainTextFromRichText(record.props.richText).trim() === ''
}
