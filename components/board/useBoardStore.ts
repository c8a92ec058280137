'use client'

import { atom, computed } from '@tldraw/state'
import { useEffect, useState } from 'react'
import { UserRecordType, createTLStore, createUserId, defaultBindingUtils, type TLStoreWithStatus } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { readRecords } from '@/lib/board/docLayout'
import { isPrivateNote } from '@/lib/board/privateNotes'
import { bindPresence } from '@/lib/collab/bindPresence'
import { BoardSchemaError, bindStoreToDoc } from '@/lib/collab/bindStoreToDoc'
import type { ConnectionState } from '@/lib/sync/connectBoard'
import { boardShapeUtils } from './customShapeUtils'
import { followBoardNames, type BoardNames } from './noteAuthors'
import { openBoardDoc } from './openBoardDoc'
import { announceMember, presenceColor, type MemberPresence } from './presence'
import type { ServerClock } from './roomTicket'

export interface BoardStoreState {
  storeWithStatus: TLStoreWithStatus
  connection: ConnectionState
  /** Set when the board cannot be opened at all. */
  schemaError: BoardSchemaError | null
  /** The board's document, once synced (for facilitation state and votes). */
  doc: Y.Doc | null
  awareness: Awareness | null
  /** Connects again now (after the board was full and room was made). */
  retry: (() => void) | null
}

/**
 * A tldraw store bound to the board's Y.Doc and kept in sync through our sync server:
 * open the doc (openBoardDoc), wait for a copy to show, bind records and presence; undo all
 * of it on unmount. `user` is this person as the others see them in presence; `clock` learns
 * the server's time from the room tickets.
 */
export function useBoardStore(boardId: string, user: MemberPresence, clock: ServerClock): BoardStoreState {
  const [state, setState] = useState<BoardStoreState>({
    storeWithStatus: { status: 'loading' },
    connection: 'connecting',
    schemaError: null,
    doc: null,
    awareness: null,
    retry: null,
  })

  useEffect(() => {
    const $online = atom<'online' | 'offline'>('connection status', 'offline')
    // Observers get a read-only editor; the server drops their edits anyway. The role the page
    // was served with holds until a ticket says otherwise (and while offline).
    const $mode = atom<'readonly' | 'readwrite'>('collaboration mode', user.role === 'observer' ? 'readonly' : 'readwrite')
    const currentUser = computed('current user', () =>
      UserRecordType.create({ id: createUserId(user.id), name: user.name, color: presenceColor(user.id) }),
    )
    let names: BoardNames | null = null
    // tldraw names a note's first writer (`textFirstEditedBy`) and keeps a `user:` record with
    // the name in the shared document; on an anonymous board it gets no user to name.
    const attributionUser = computed('attribution user', () => (names?.anonymous.get() ? null : currentUser.get()))
    const store = createTLStore({
      shapeUtils: boardShapeUtils,
      bindingUtils: defaultBindingUtils,
      users: { currentUser: attributionUser },
      collaboration: { status: $online, mode: $mode },
    })
    let cancelled = false
    const update = (patch: Partial<BoardStoreState>) => {
      if (!cancelled) setState((previous) => ({ ...previous, ...patch }))
    }
    // The canvas opens from whichever copy is ready first: this device's (when it holds the
    // board at all), or the server's first sync.
    const opened = openBoardDoc({
      boardId,
      userId: user.id,
      clock,
      onTicket: (ticket) => $mode.set(ticket.role === 'observer' ? 'readonly' : 'readwrite'),
      onNetwork: () => update({ connection: opened.connection.getState() }),
      usableFromDevice: (doc) => readRecords(doc).size > 0,
    })
    const { doc, connection } = opened
    const followed = followBoardNames(store, doc)
    names = followed.names
    const disposers: (() => void)[] = [followed.stop]

    disposers.push(
      connection.onState((next) => {
        $online.set(next === 'connected' ? 'online' : 'offline')
        // Access has ended: nothing typed now could reach the board, so the canvas stops taking it.
        if (next === 'forbidden' || next === 'signed-out' || next === 'not-found') $mode.set('readonly')
        update({ connection: next })
      }),
    )
    update({ retry: () => connection.retryNow() })

    opened.ready
      .then(() => {
        if (cancelled) return
        try {
          const binding = bindStoreToDoc({
            store,
            doc,
            // Private-round notes live in the author's private document (usePrivateRound).
            owns: (record) => !isPrivateNote(record),
            onInvalidRecord: (record, error) => console.warn('Skipped an invalid record from the board', record, error),
          })
          disposers.push(() => binding.dispose())
        } catch (error) {
          if (error instanceof BoardSchemaError) return update({ schemaError: error })
          throw error
        }
        update({ storeWithStatus: { status: 'synced-remote', connectionStatus: 'online', store }, doc })
        // Presence needs the server; it starts whenever the connection does.
        void connection.ready.then((provider) => {
          if (cancelled) return
          const presence = bindPresence({
            store,
            awareness: provider.awareness,
            user: currentUser,
            unshared: (id) => {
              const record = store.get(id)
              return record !== undefined && isPrivateNote(record)
            },
          })
          disposers.push(() => presence.dispose())
          announceMember(provider.awareness, { id: user.id, name: user.name, role: user.role, label: user.label })
          update({ awareness: provider.awareness })
        })
      })
      .catch((error: Error) => {
        if (!cancelled && !['signed-out', 'forbidden', 'not-found'].includes(connection.getState())) {
          update({ storeWithStatus: { status: 'error', error } })
        }
      })

    return () => {
      cancelled = true
      for (const dispose of disposers.reverse()) dispose()
      opened.close()
    }
  }, [boardId, user.id, user.name, user.role, user.label, clock])

  return state
}
