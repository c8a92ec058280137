'use client'

import { getAssetUrls } from '@tldraw/assets/selfHosted'
import { useEffect, useState } from 'react'
import { Tldraw, type Editor, type TLComponents } from 'tldraw'
import 'tldraw/tldraw.css'
import type { ConnectionState } from '@/lib/sync/connectBoard'
import { useI18n } from '@/components/i18n/I18nProvider'
import { BoardStylePanel } from './BoardStylePanel'
import { customShapeUtils } from './customShapeUtils'
import { registerNoteTagging } from './noteTagging'
import { useBoardStore } from './useBoardStore'

// Fonts, icons and translations are served by this app (copied from @tldraw/assets at
// install), never fetched from tldraw's CDN: a branch library may have no internet path.
const assetUrls = getAssetUrls({ baseUrl: '/tldraw' })

// One page per board: the page menu would only invite confusion.
const components: TLComponents = { PageMenu: null, StylePanel: BoardStylePanel }

export interface BoardCanvasProps {
  boardId: string
  user: { id: string; name: string }
  licenseKey: string | null
  onConnectionChange(state: ConnectionState): void
  onEditor(editor: Editor | null): void
}

export default function BoardCanvas({ boardId, user, licenseKey, onConnectionChange, onEditor }: BoardCanvasProps) {
  const { locale, t } = useI18n()
  const { storeWithStatus, connection, schemaError } = useBoardStore(boardId, user)
  const [editor, setEditor] = useState<Editor | null>(null)

  useEffect(() => onConnectionChange(connection), [connection, onConnectionChange])
  useEffect(() => {
    editor?.user.updateUserPreferences({ locale })
  }, [editor, locale])

  if (schemaError) {
    return (
      <div className="board-message" role="alert">
        <p>{schemaError.newerVersion ? t('board.newerVersion') : t('board.loadFailed')}</p>
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          {t('board.reload')}
        </button>
      </div>
    )
  }
  if (storeWithStatus.status === 'loading') {
    return (
      <div className="board-message" role="status">
        <p>{t('board.loading')}</p>
      </div>
    )
  }

  return (
    <Tldraw
      store={storeWithStatus}
      shapeUtils={customShapeUtils}
      assetUrls={assetUrls}
      licenseKey={licenseKey ?? undefined}
      components={components}
      onMount={(mounted) => {
        mounted.user.updateUserPreferences({ locale })
        mounted.zoomToFit({ animation: { duration: 0 } })
        const stopTagging = registerNoteTagging(mounted, user)
        setEditor(mounted)
        onEditor(mounted)
        return () => {
          stopTagging()
          onEditor(null)
        }
      }}
    />
  )
}
