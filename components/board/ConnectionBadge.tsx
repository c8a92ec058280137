'use client'

import type { ConnectionState } from '@/lib/sync/connectBoard'
import type { MessageKey } from '@/lib/i18n/messages'
import { useT } from '@/components/i18n/I18nProvider'

const LABELS: Record<ConnectionState, MessageKey> = {
  connecting: 'connection.connecting',
  connected: 'connection.connected',
  reconnecting: 'connection.reconnecting',
  offline: 'connection.offline',
  'signed-out': 'connection.signedOut',
  forbidden: 'connection.forbidden',
  'not-found': 'connection.notFound',
  'doc-full': 'connection.docFull',
}

const TONE: Record<ConnectionState, 'ok' | 'pending' | 'bad'> = {
  connecting: 'pending',
  connected: 'ok',
  reconnecting: 'pending',
  offline: 'bad',
  'signed-out': 'bad',
  forbidden: 'bad',
  'not-found': 'bad',
  'doc-full': 'bad',
}

/** Connected / reconnecting / offline, announced politely to screen readers when it changes. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const t = useT()
  const label = t(LABELS[state])
  return (
    <span className={`connection connection--${TONE[state]}`} role="status" aria-live="polite" data-state={state}>
      <span className="connection__dot" aria-hidden="true" />
      <span>{label}</span>
    </span>
  )
}
