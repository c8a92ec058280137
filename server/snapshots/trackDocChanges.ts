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
      ...inner,
      loadDoc: (docId) => inner.loadDoc(docId),
      async appendUpdates(docId, updates) {
        const seq = await inner.appendUpdates(docId, updates)
        changed.add(docId)
        return seq
      },
      compactDoc: (docId, snapshot, throughSeq) => inner.compactDoc(docId, snapshot, throughSeq),
      docSize: (docId) => inner.docSize(docId),
      listDocIds: (prefix) => inner.listDocIds(prefix),
    },
    takeChanged() {
      const taken = changed
      changed = new Set()
      return taken
    },
  }
}
