/**
 * Keeps a board's layout whole whatever its clients write (see docs/sync.md, "Layout"). The
 * browser places the notes it creates and the server the notes it writes, but two people
 * adding at once pick the same free cell, a modified client may drop a note anywhere, a note
 * grows with its text, and a zone in a browser cannot grow. So after a quiet moment on a board
 * the keeper runs the board's layout (lib/board/boardLayout.ts) over the document: misplaced
 * notes move to free places in their own zones, full zones grow and the map re-flows.
 *
 * Records are written whole, and of two entries of a key written at the same moment the order
 * of their writers' client ids picks the one that stays: a move written as someone types could win over their keys —
 * the text lost, and a note left empty deleted at Esc. So the keeper never writes what a person
 * is working on: notes a client changed in the last `pinMs` are left alone (nobody's note jumps
 * while they type or drag), even when their zone moves as the map re-flows; the keeper looks
 * again once they are quiet. A note still empty is left alone for `blankPinMs`: it was just made
 * (Lägg till idé) and its author is about to type. And should a person's write still cross one
 * of the keeper's (they resumed typing as their pin ran out, or come back from offline), and
 * lose, the keeper writes the person's record again: their text is theirs, and the note can be
 * moved on the next look. Its result is a fixed point of
 * the layout — a second pass over it changes nothing — so the keepers of one board on several
 * nodes agree once their documents have converged, and each writes nothing the other has not.
 *
 * During a private round the zones also keep room for the notes people write privately, which
 * the board does not hold: the session's `privateRoom` says how many cells each zone keeps free.
 *
 * Zones also give back room they no longer need (`shrink`): empty rows and columns at a zone's
 * bottom and right go, and the map closes up. Nothing moves within its zone for that, so notes
 * do not jump while people work; compacting a zone (moving its notes) is a facilitator's act.
 * Not while a private round's notes are hidden: they lie in cells the board sees as empty.
 */
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { arrangeRecords } from '../../lib/board/arrangeRecords'
import { readRecords, recordsArray, sessionMap, setRecords, type RecordEntry } from '../../lib/board/docLayout'
import { privateNotesHidden, privateRoomNow, readSession } from '../../lib/board/session'
import { migrateTemplate } from '../../lib/board/templateMigration'
import { isNoteShape } from '../../lib/board/areaOfPoint'
import { plainTextFromRichText } from '../../lib/board/richText'
import { LAYOUT_KEEPER_ORIGIN } from './origins'

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

/** How far right of a person's entry the keeper looks for its own entry of the key. */
const LOST_SEARCH_LIMIT = 5000
/** How many runs of its own entries the keeper remembers. */
const WROTE_KEPT = 1000

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

  /** The ids of the entries the keeper wrote (clock ranges of this document's own client). */
  const wrote: { client: number; from: number; to: number }[] = []
  /** The keys the keeper wrote: only a change to one of them can lose to the keeper. */
  const keptKeys = new Set<string>()
  const keeperWrote = (id: Y.ID) => wrote.some((range) => range.client === id.client && id.clock >= range.from && id.clock < range.to)

  /**
   * The entries of a change that lost to a keeper's write made at the same moment (the rightmost
   * entry of a key wins, and which of two concurrent ones is rightmost is up to their client ids).
   */
  const lostToKeeper = (added: Iterable<Y.Item>): { item: Y.Item; entry: RecordEntry }[] => {
    const lost: { item: Y.Item; entry: RecordEntry }[] = []
    for (const item of added) {
      const entries = item.content.getContent() as RecordEntry[]
      // A later entry of a key in the same run is the same client's own: only the last counts.
      const last = new Map<string, number>()
      entries.forEach((entry, index) => {
        if (entry && typeof entry.key === 'string' && keptKeys.has(entry.key)) last.set(entry.key, index)
      })
      for (const index of last.values()) {
        const entry = entries[index]
        let steps = 0
        for (let right = item.right; right && steps < LOST_SEARCH_LIMIT; right = right.right, steps++) {
          if (right.deleted || !right.countable) continue
          const rights = right.content.getContent() as RecordEntry[]
          const at = rights.findLastIndex((other) => other?.key === entry.key)
          if (at < 0) continue
          if (keeperWrote({ client: right.id.client, clock: right.id.clock + at } as Y.ID)) lost.push({ item, entry })
          break
        }
      }
    }
    return lost
  }

  /** A person's write that lost to the keeper's is written again, after the guards had their say. */
  const reassert = (lost: { item: Y.Item; entry: RecordEntry }[]) => {
    queueMicrotask(() => {
      if (stopped) return
      const still = lost.filter(({ item, entry }) => !item.deleted && lostToKeeper([item]).some((other) => other.entry === entry))
      if (still.length === 0) return
      keep(() =>
        setRecords(
          doc,
          still.map(({ entry }) => entry.val as TLRecord),
        ),
      )
    })
  }

  /** Runs `write` as the keeper, remembering the entries it makes. */
  const keep = (write: () => void) => {
    const client = doc.clientID
    const from = Y.getState(doc.store, client)
    doc.transact(write, LAYOUT_KEEPER_ORIGIN)
    const to = Y.getState(doc.store, client)
    if (to > from) {
      const last = wrote.at(-1)
      if (last && last.client === client && last.to === from) last.to = to
      else wrote.push({ client, from, to })
      if (wrote.length > WROTE_KEPT) wrote.shift()
    }
  }

  const observer = (event: Y.YArrayEvent<RecordEntry>, transaction: Y.Transaction) => {
    if (transaction.origin === LAYOUT_KEEPER_ORIGIN) return
    const now = performance.now()
    const lost = keptKeys.size > 0 ? lostToKeeper(event.changes.added) : []
    if (lost.length > 0) reassert(lost)
    for (const item of event.changes.added) {
      for (const entry of item.content.getContent() as RecordEntry[]) {
        if (entry && typeof entry.key === 'string') changedAt.set(entry.key, now)
      }
    }
    schedule(quietMs)
  }
  records.observe(observer)
  // The room a private round keeps in the zones (lib/board/session.ts, `PrivateRoom`) is the
  // server's to write; when it grows, or the round ends, the zones are looked at again.
  const session = sessionMap(doc)
  const sessionObserver = (event: Y.YMapEvent<unknown>) => {
    if (event.keysChanged.has('privateRoom') || event.keysChanged.has('privateRound')) schedule(quietMs)
  }
  session.observe(sessionObserver)

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
    keep(() => {
      // The records read above stand unless the template migration changed them.
      const migrated = migrateTemplate(doc)
      if (migrated) changed++
      const session = readSession(doc)
      const reserve = privateRoomNow(session)
      // Zones give back room nobody uses — but not while a private round's notes lie where the
      // board cannot see them (the round, and its reveal until done).
      const shrink = !privateNotesHidden(session)
      const records = arrangeRecords(migrated ? readRecords(doc) : all, { pinned, reserve, shrink })
      setRecords(doc, records)
      for (const record of records) keptKeys.add(record.id)
      changed += records.length
    })
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
      session.unobserve(sessionObserver)
    },
  }
}

function isBlankNote(record: TLRecord | undefined): boolean {
  return isNoteShape(record) && plainTextFromRichText(record.props.richText).trim() === ''
}
