'use client'

import { useEffect } from 'react'
import type { TLRecord, TLStore } from 'tldraw'
import { privateDocId } from '@/lib/board/docIds'
import { isPrivateNote, privateNoteMoves, withoutPrivateRound } from '@/lib/board/privateNotes'
import type { PrivateRound } from '@/lib/board/session'
import { bindStoreToDoc } from '@/lib/collab/bindStoreToDoc'
import { openBoardDoc } from './openBoardDoc'
import type { ServerClock } from './roomTicket'

/**
 * While a board has had a private round, this person's private document is bound to the
 * store too: their new notes of an active round go there, where nobody else can read them.
 * When the round is revealed the server publishes them; any the server could not reach yet
 * (written offline) are published from here by dropping their private mark.
 *
 * Like the board, the private document is kept on this device (IndexedDB): private notes
 * written offline survive a reload and reach the server when the connection returns.
 */
export function usePrivateRound(store: TLStore | null, boardId: string, userId: string, round: PrivateRound | null, clock: ServerClock) {
  const hasRound = round !== null
  useEffect(() => {
    if (!store || !hasRound) return
    const opened = openBoardDoc({ boardId, docId: privateDocId(boardId, userId), userId, clock })
    let binding: ReturnType<typeof bindStoreToDoc> | null = null
    let cancelled = false
    // Bound as soon as either copy is ready: the device's, or the server's first sync.
    opened.ready
      .then(() => {
        if (!cancelled) binding = bindStoreToDoc({ store, doc: opened.doc, owns: isPrivateNote })
      })
      .catch(() => undefined)
    return () => {
      cancelled = true
      binding?.dispose()
      opened.close()
    }
  }, [store, boardId, userId, hasRound, clock])

  // My notes of the round lie where I put them, but a full zone has no free cell for them until
  // the server has grown it (server/sync/privateRoom.ts): they then move into the room kept.
  const active = round?.active === true
  useEffect(() => {
    if (!store || !active) return
    return keepPrivateNotesInZones(store)
  }, [store, active])

  const revealed = round !== null && !round.active
  useEffect(() => {
    if (!store || !revealed) return
    const publish = () => {
      const leftovers = store.allRecords().filter(isPrivateNote)
      if (leftovers.length === 0) return
      store.put(leftovers.map((note) => ({ ...note, meta: withoutPrivateRound(note.meta) })))
    }
    publish()
    // Notes of the round that reach this client later (from its private document) go out too;
    // only a change that brings such a note asks for a look over the store.
    return store.listen(
      ({ changes }) => {
        const arrived = [...Object.values(changes.added), ...Object.values(changes.updated).map(([, to]) => to)]
        if (arrived.some(isPrivateNote)) queueMicrotask(publish)
      },
      { scope: 'document', source: 'remote' },
    )
  }, [store, revealed])
}

/** How long after someone's own change to a note it is left where they have it (ms). */
const WORKING_MS = 1500
/** How long the board must be still before private notes are looked at (ms). */
const SETTLE_MS = 300

/**
 * Moves this person's private notes into free cells of their zones whenever the board or the
 * notes change; a note being written, or changed in the last moment, stays where it is.
 */
function keepPrivateNotesInZones(store: TLStore): () => void {
  const touched = new Map<string, number>()
  let timer: ReturnType<typeof setTimeout> | null = null
  let moving = false
  const look = () => {
    timer = null
    const now = performance.now()
    const records = new Map(store.allRecords().map((record) => [record.id as string, record]))
    const leave = new Set<string>()
    for (const [id, at] of touched) {
      if (now - at < WORKING_MS) leave.add(id)
      else touched.delete(id)
    }
    for (const record of records.values()) {
      if (record.typeName === 'instance_page_state' && record.editingShapeId) leave.add(record.editingShapeId)
    }
    const moves = privateNoteMoves(records, leave)
    if (moves.size > 0) {
      moving = true
      try {
        store.put([...moves].map(([id, spot]) => ({ ...(records.get(id) as TLRecord), ...spot }) as TLRecord))
      } finally {
        moving = false
      }
    }
    if (leave.size > 0) schedule(WORKING_MS)
  }
  const schedule = (delay: number) => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(look, delay)
  }
  const stop = store.listen(
    ({ changes, source }) => {
      if (moving) return
      if (source === 'user') {
        const now = performance.now()
        for (const [, to] of Object.values(changes.updated)) if (isPrivateNote(to)) touched.set(to.id, now)
        for (const added of Object.values(changes.added)) if (isPrivateNote(added)) touched.set(added.id, now)
      }
      schedule(SETTLE_MS)
    },
    { scope: 'document' },
  )
  schedule(SETTLE_MS)
  return () => {
    stop()
    if (timer) clearTimeout(timer)
  }
}
