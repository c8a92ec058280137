/**
 * Presence (cursors, selections, names) between a tldraw store and Yjs awareness.
 *
 * Our presence is derived from the store by tldraw and published as the `presence` field of
 * this client's awareness state, at most every `throttleMs` (cursor streams are the bulk of
 * presence traffic). Other clients' presence enters the store as `instance_presence` records
 * through `mergeRemoteChanges`.
 */
import { react, type Signal } from '@tldraw/state'
import {
  InstancePresenceRecordType,
  createPresenceStateDerivation,
  type TLInstancePresence,
  type TLShapeId,
  type TLStore,
  type TLUser,
} from '@tldraw/tlschema'
import type { Awareness } from 'y-protocols/awareness'

export interface PresenceBinding {
  dispose(): void
}

/**
 * How often to publish presence in a room of `people`: `base` (20 updates/s) for up to 20
 * people, then slower in proportion, so the room's total presence traffic stays about the
 * same as it grows (100 people: 4/s each; capped at 1/s).
 */
export function presenceInterval(base: number, people: number): number {
  return Math.min(1000, Math.max(base, (base * people) / 20))
}

export function bindPresence({
  store,
  awareness,
  user,
  throttleMs = 50,
  unshared,
}: {
  store: TLStore
  awareness: Awareness
  user: Signal<TLUser | null>
  throttleMs?: number
  /** Shapes whose ids must not leave this device in presence (private-round notes). */
  unshared?: (id: TLShapeId) => boolean
}): PresenceBinding {
  const ownId = InstancePresenceRecordType.createId(String(awareness.clientID))
  const $presence = createPresenceStateDerivation(user, { instanceId: ownId })(store)

  // ---- local → awareness (throttled, trailing edge always sent) -----------------------------
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastSent = 0
  const publish = () => {
    timer = null
    lastSent = Date.now()
    const presence = $presence.get()
    // Selecting one's own private note must not tell the room its id.
    awareness.setLocalStateField(
      'presence',
      presence && unshared ? { ...presence, selectedShapeIds: presence.selectedShapeIds.filter((id) => !unshared(id)) } : presence,
    )
  }
  const stopReacting = react('publish presence', () => {
    $presence.get()
    if (timer) return
    timer = setTimeout(publish, Math.max(0, lastSent + presenceInterval(throttleMs, awareness.getStates().size) - Date.now()))
  })

  // ---- awareness → store ---------------------------------------------------------------------
  /** Which presence record each remote awareness client put, so it can be removed later. */
  const remoteIds = new Map<number, TLInstancePresence['id']>()
  const onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const states = awareness.getStates()
    const toPut: TLInstancePresence[] = []
    const toRemove: TLInstancePresence['id'][] = []
    for (const clientId of [...added, ...updated]) {
      if (clientId === awareness.clientID) continue
      const presence = (states.get(clientId) as { presence?: TLInstancePresence } | undefined)?.presence
      const previous = remoteIds.get(clientId)
      if (!presence || presence.typeName !== 'instance_presence' || presence.id === ownId) {
        if (previous) toRemove.push(previous)
        remoteIds.delete(clientId)
        continue
      }
      if (previous && previous !== presence.id) toRemove.push(previous)
      remoteIds.set(clientId, presence.id)
      toPut.push(presence)
    }
    for (const clientId of removed) {
      const previous = remoteIds.get(clientId)
      if (previous) toRemove.push(previous)
      remoteIds.delete(clientId)
    }
    if (toPut.length === 0 && toRemove.length === 0) return
    store.mergeRemoteChanges(() => {
      const existing = toRemove.filter((id) => store.has(id))
      if (existing.length) store.remove(existing)
      for (const presence of toPut) {
        try {
          store.schema.validateRecord(store, presence, 'updateRecord', store.get(presence.id) ?? null)
          store.put([presence])
        } catch {
          // A presence record we cannot validate (another version, or junk) is not shown.
        }
      }
    })
  }
  awareness.on('update', onUpdate)
  onUpdate({ added: [...awareness.getStates().keys()], updated: [], removed: [] })

  return {
    dispose() {
      if (timer) clearTimeout(timer)
      stopReacting()
      awareness.off('update', onUpdate)
      awareness.setLocalStateField('presence', null)
      store.mergeRemoteChanges(() => {
        const ids = [...remoteIds.values()].filter((id) => store.has(id))
        if (ids.length) store.remove(ids)
      })
    },
  }
}
