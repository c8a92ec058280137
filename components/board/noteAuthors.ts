/**
 * Whether notes on a board may show who wrote them, for the note shape to read while it
 * renders on the canvas and in exports (SVG, PNG, PDF), where React context does not reach.
 * Kept per store, as a signal, so a facilitator hiding names re-renders every note at once.
 * Unknown counts as hidden: a note never shows a name by accident.
 */
import { atom, type Atom } from '@tldraw/state'
import type * as Y from 'yjs'
import type { TLStore } from 'tldraw'
import { authorNamesShown } from '@/lib/board/anonymise'
import { sessionMap } from '@/lib/board/docLayout'
import { readSession } from '@/lib/board/session'

export interface BoardNames {
  /** Names may show on notes. */
  shown: Atom<boolean>
  /** The board keeps no names at all: this client writes none either. */
  anonymous: Atom<boolean>
}

const namesByStore = new WeakMap<TLStore, BoardNames>()

/** Follows the board's facilitation state in `doc`; returns the signals and a stop function. */
export function followBoardNames(store: TLStore, doc: Y.Doc): { names: BoardNames; stop(): void } {
  const names: BoardNames = { shown: atom('author names shown', false), anonymous: atom('anonymous board', false) }
  const read = () => {
    const session = readSession(doc)
    names.shown.set(authorNamesShown(session))
    names.anonymous.set(session.anonymous)
  }
  read()
  const map = sessionMap(doc)
  map.observe(read)
  namesByStore.set(store, names)
  return { names, stop: () => map.unobserve(read) }
}

export function noteAuthorsShown(store: TLStore): boolean {
  return namesByStore.get(store)?.shown.get() ?? false
}
