'use client'

import { atom, computed } from '@tldraw/state'
import { useEffect, useState } from 'react'
import {
  UserRecordType,
  createTLStore,
  createUserId,
  defaultBindingUtils,
  defaultShapeUtils,
  type TLStoreWithStatus,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { BoardRole } from '@/lib/auth/roles'
import { IndexeddbPersistence } from 'y-indexeddb'
import { followBrowserNetwork } from './followNetwork'
import { localDocName } from './localBoards'
import { readRecords } from '@/lib/board/docLayout'
import { isPrivateNote } from '@/lib/board/privateNotes'
import { bindPresence } from '@/lib/collab/bindPresence'
import { BoardSchemaError, bindStoreToDoc } from '@/lib/collab/bindStoreToDoc'
import { TicketError, connectBoard, type ConnectionState, type RoomTicket } from '@/lib/sync/connectBoard'
import { customShapeUtils } from './customShapeUtils'
import { followBoardNames, type BoardNames } from './noteAuthors'

const PRESENCE_COLORS = ['#d9480f', '#1971c2', '#2f9e44', '#ae3ec9', '#e8590c', '#0c8599', '#c2255c', '#5f3dc4']

export function presenceColor(userId: string): string {
  let hash = 0
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length]
}

/** Server time minus this browser's time, learnt from each ticket (the timer counts in server time). */
let serverOffsetMs = 0
export const serverNow = () => Date.now() + serverOffsetMs

export async function fetchTicket(boardId: string): Promise<RoomTicket> {
  const sent = Date.now()
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/token`, { method: 'POST' })
  if (!response.ok) throw new TicketError(response.status)
  const ticket = (await response.json()) as RoomTicket & { serverTime?: number }
  if (typeof ticket.serverTime === 'number') serverOffsetMs = ticket.serverTime - (sent + Date.now()) / 2
  return ticket
}

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
 * connect, wait for the first sync, bind records and presence; undo all of it on unmount.
 */
export interface BoardMember {
  id: string
  name: string
  role: BoardRole
  /** A guest's branch, e.g. "Filial Skärholmen". */
  label: string | null
}

/** What each client announces about itself besides tldraw's presence (for "who's here"). */
export type MemberPresence = BoardMember

export function useBoardStore(boardId: string, user: BoardMember): BoardStoreState {
  const [state, setState] = useState<BoardStoreState>({
    storeWithStatus: { status: 'loading' },
    connection: 'connecting',
    schemaError: null,
    doc: null,
    awareness: null,
    retry: null,
  })

  useEffect(() => {
    const doc = new Y.Doc()
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
      shapeUtils: [...defaultShapeUtils.filter((util) => util.type !== 'note'), ...customShapeUtils],
      bindingUtils: defaultBindingUtils,
      users: { currentUser: attributionUser },
      collaboration: { status: $online, mode: $mode },
    })
    const followed = followBoardNames(store, doc)
    names = followed.names
    const connection = connectBoard({
      boardId,
      doc,
      fetchTicket: () => fetchTicket(boardId),
      isOnline: () => navigator.onLine,
      onTicket: (ticket) => $mode.set(ticket.role === 'observer' ? 'readonly' : 'readwrite'),
    })
    const disposers: (() => void)[] = [followed.stop]
    let cancelled = false

    const update = (patch: Partial<BoardStoreState>) => {
      if (!cancelled) setState((previous) => ({ ...previous, ...patch }))
    }
    disposers.push(
      connection.onState((next) => {
        $online.set(next === 'connected' ? 'online' : 'offline')
        // Access has ended: nothing typed now could reach the board, so the canvas stops taking it.
        if (next === 'forbidden' || next === 'signed-out' || next === 'not-found') $mode.set('readonly')
        update({ connection: next })
      }),
    )
    disposers.push(followBrowserNetwork(connection, () => update({ connection: connection.getState() })))
    update({ retry: () => connection.retryNow() })

    // The board is kept on this device too (IndexedDB): a branch that loses its connection
    // keeps working, a reload while offline still opens the board, and what was added meanwhile
    // merges when the connection returns. The canvas opens from whichever is ready first: this
    // device's copy, or the server's first sync.
    const local = new IndexeddbPersistence(localDocName(boardId, user.id), doc)
    disposers.push(() => void local.destroy())
    const fromDevice = local.whenSynced.then(() => (readRecords(doc).size > 0 ? 'device' : new Promise<never>(() => {})))
    Promise.race([fromDevice, connection.synced])
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
          const me: MemberPresence = { id: user.id, name: user.name, role: user.role, label: user.label }
          provider.awareness.setLocalStateField('member', me)
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
      connection.destroy()
      doc.destroy()
    }
  }, [boardId, user.id, user.name, user.role, user.label])

  return state
}
