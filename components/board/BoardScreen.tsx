'use client'

import dynamic from 'next/dynamic'
import Link from 'next/link'
import { useCallback, useState } from 'react'
import type { Editor } from 'tldraw'
import type { ConnectionState } from '@/lib/sync/connectBoard'
import { useT } from '@/components/i18n/I18nProvider'
import { AppHeader } from '@/components/layout/AppHeader'
import { ConnectionBadge } from './ConnectionBadge'

// The editor needs the DOM; it is never rendered on the server.
const BoardCanvas = dynamic(() => import('./BoardCanvas'), { ssr: false })

export interface BoardScreenProps {
  boardId: string
  boardName: string
  user: { id: string; name: string }
  licenseKey: string | null
}

export function BoardScreen({ boardId, boardName, user, licenseKey }: BoardScreenProps) {
  const t = useT()
  const [connection, setConnection] = useState<ConnectionState>('connecting')
  const [editor, setEditor] = useState<Editor | null>(null)
  const onConnectionChange = useCallback((state: ConnectionState) => setConnection(state), [])
  const onEditor = useCallback((next: Editor | null) => setEditor(next), [])

  return (
    <div className="board-screen">
      <AppHeader userName={user.name}>
        <Link href="/" className="button button--quiet">
          <span aria-hidden="true">←</span> {t('board.back')}
        </Link>
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
      </AppHeader>
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
