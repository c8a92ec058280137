/**
 * A {@link DocStore} that remembers which documents had updates appended, so the snapshot
 * scheduler knows which boards changed since it last looked without asking the database.
 */
import type { DocStore } from '../../lib/store/types'

export interface TrackedDocs {
  docs: DocStore
  /** The names of the documents changed since the last call, and forgets them. */
  takeChanged(): Set<string>
}

export function trackDocChanges(inner: DocStore): TrackedDocs {
  let changed = new Set<string>()
  return {
    docs: {
      // The stores' methods are plain functions of an object literal (no `this`): spread, they
      // work as they are; only appending is watched.
      ...inner,
      async appendUpdates(docId, updates) {
        const seq = await inner.appendUpdates(docId, updates)
        changed.add(docId)
        return seq
      },
    },
    takeChanged() {
      const taken = changed
      changed = new Set()
      return taken
    },
  }
}
