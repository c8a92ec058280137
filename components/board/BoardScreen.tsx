'use client'

import dynamic from 'next/dynamic'
import Link from 'next/link'
import { useCallback, useState } from 'react'
import type { Editor } from 'tldraw'
import type { ConnectionState } from '@/lib/sync/connectBoard'
import { useT } from '@/components/i18n/I18nProvider'
import { AppHeader } from '@/components/layout/AppHeader'
import type { BoardRole } from '@/lib/auth/roles'
import { ConnectionBadge } from './ConnectionBadge'
import { ShareDialog } from './ShareDialog'

// The editor needs the DOM; it is never rendered on the server.
const BoardCanvas = dynamic(() => import('./BoardCanvas'), { ssr: false })

export interface BoardScreenProps {
  boardId: string
  boardName: string
  user: { id: string; name: string }
  role: BoardRole
  isGuest: boolean
  licenseKey: string | null
}

export function BoardScreen({ boardId, boardName, user, role, isGuest, licenseKey }: BoardScreenProps) {
  const t = useT()
  const [sharing, setSharing] = useState(false)
  const [connection, setConnection] = useState<ConnectionState>('connecting')
  const [editor, setEditor] = useState<Editor | null>(null)
  const onConnectionChange = useCallback((state: ConnectionState) => setConnection(state), [])
  const onEditor = useCallback((next: Editor | null) => setEditor(next), [])

  return (
    <div className="board-screen">
      <AppHeader userName={user.name} isGuest={isGuest}>
        {!isGuest && (
          <Link href="/" className="button button--quiet">
            <span aria-hidden="true">←</span> {t('board.back')}
          </Link>
        )}
        <h1 className="board-title" dir="auto">
          {boardName}
        </h1>
        <ConnectionBadge state={connection} />
        <button
          type="button"
          className="button button--quiet"
          disabled={!editor}
          onClick={() => editor?.zoomToFit({ animation: { duration: 300 } })}
        >
          {t('board.fit')}
        </button>
        {role === 'facilitator' && (
          <button type="button" className="button" onClick={() => setSharing(true)} aria-haspopup="dialog">
            {t('share.open')}
          </button>
        )}
        {role === 'observer' && <span className="role-notice">{t('board.observerNotice')}</span>}
      </AppHeader>
      {sharing && <ShareDialog boardId={boardId} currentUserId={user.id} onClose={() => setSharing(false)} />}
      <main id="main" className="board-main" aria-label={t('board.canvasLabel', { name: boardName })}>
        <BoardCanvas
          boardId={boardId}
          user={user}
          licenseKey={licenseKey}
          onConnectionChange={onConnectionChange}
          onEditor={onEditor}
        />
      </main>
    </div>
  )
}
