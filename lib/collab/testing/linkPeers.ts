/**
 * Two Yjs peers "over the wire" in one process, for tests of the collab bindings: every
 * update or awareness change one side makes is encoded to bytes and applied on the other,
 * as the sync server would relay it.
 */
import { applyAwarenessUpdate, encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'

/** The origin of everything that arrives from the other peer. */
export const REMOTE = 'remote'

export interface Link {
  /** Updates (or awareness messages) each side has received from the other. */
  received: { a: number; b: number }
  unlink(): void
}

export interface DocLink extends Link {
  /** Holds updates in flight (both sides keep editing, as when both write at once). */
  hold(): void
  /** Delivers the held updates, A's to B first, and relays at once again. */
  release(): void
}

/** Syncs `b` to `a`'s current state, then relays every later update both ways. */
export function linkDocs(a: Y.Doc, b: Y.Doc): DocLink {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), REMOTE)
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), REMOTE)
  const received = { a: 0, b: 0 }
  let held: { toA: Uint8Array[]; toB: Uint8Array[] } | null = null
  // Updates that arrived from the other side are not sent back to it.
  const toB = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return
    if (held) return void held.toB.push(update)
    received.b++
    Y.applyUpdate(b, update, REMOTE)
  }
  const toA = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return
    if (held) return void held.toA.push(update)
    received.a++
    Y.applyUpdate(a, update, REMOTE)
  }
  a.on('update', toB)
  b.on('update', toA)
  return {
    received,
    hold() {
      held ??= { toA: [], toB: [] }
    },
    release() {
      const queued = held
      held = null
      if (!queued) return
      for (const update of queued.toB) toB(update, null)
      for (const update of queued.toA) toA(update, null)
    },
    unlink() {
      a.off('update', toB)
      b.off('update', toA)
    },
  }
}

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] }

/** Exchanges both sides' awareness states, then relays every later change both ways. */
export function linkAwareness(a: Awareness, b: Awareness): Link {
  const received = { a: 0, b: 0 }
  const relay = (from: Awareness, to: Awareness, side: 'a' | 'b') => {
    return ({ added, updated, removed }: AwarenessChanges, origin: unknown) => {
      if (origin === REMOTE) return
      received[side]++
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), REMOTE)
    }
  }
  const toB = relay(a, b, 'b')
  const toA = relay(b, a, 'a')
  applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [...a.getStates().keys()]), REMOTE)
  applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [...b.getStates().keys()]), REMOTE)
  a.on('update', toB)
  b.on('update', toA)
  return {
    received,
    unlink() {
      a.off('update', toB)
      b.off('update', toA)
    },
  }
}
