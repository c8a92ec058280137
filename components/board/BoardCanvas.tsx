'use client'

import { getAssetUrls } from '@tldraw/assets/selfHosted'
import { useEffect, useRef, useState } from 'react'
import { Tldraw, createUserId, type Editor, type TLComponents, type TLStoreWithStatus } from 'tldraw'
import 'tldraw/tldraw.css'
import type { BoardSchemaError } from '@/lib/collab/bindStoreToDoc'
import { useI18n } from '@/components/i18n/I18nProvider'
import { BoardStylePanel } from './BoardStylePanel'
import { MapLabels } from './MapLabels'
import { useBoardSessionContext } from './BoardSessionContext'
import { customShapeUtils } from './customShapeUtils'
import { fitBoard } from './fitBoard'
import { registerLockedAreas } from './lockedAreas'
import { registerNoteTagging, type TaggingContext } from './noteTagging'
import { SummonNotice } from './SummonNotice'
import { registerThemeKeeping } from './themeKeeping'

// Fonts, icons and translations are served by this app (copied from @tldraw/assets at
// install), never fetched from tldraw's CDN: a branch library may have no internet path.
const assetUrls = getAssetUrls({ baseUrl: '/tldraw' })

// One page per board: the page menu would only invite confusion.
const components: TLComponents = { PageMenu: null, StylePanel: BoardStylePanel, InFrontOfTheCanvas: MapLabels }

export interface BoardCanvasProps {
  storeWithStatus: TLStoreWithStatus
  schemaError: BoardSchemaError | null
  user: { id: string; name: string }
  licenseKey: string | null
  onEditor(editor: Editor | null): void
}

export default function BoardCanvas({ storeWithStatus, schemaError, user, licenseKey, onEditor }: BoardCanvasProps) {
  const { locale, t } = useI18n()
  const board = useBoardSessionContext()
  const [editor, setEditor] = useState<Editor | null>(null)
  const session = board?.session
  const role = board?.role ?? 'observer'

  // Side effects registered once read the latest state through refs.
  const tagging = useRef<TaggingContext>({ privateRoundId: null, anonymous: false })
  tagging.current = {
    privateRoundId: session?.privateRound?.active ? session.privateRound.id : null,
    anonymous: session?.anonymous ?? false,
  }
  const locks = useRef({ locked: session?.lockedAreas ?? [], enforce: role !== 'facilitator' })
  locks.current = { locked: session?.lockedAreas ?? [], enforce: role !== 'facilitator' }

  useEffect(() => {
    editor?.user.updateUserPreferences({ locale })
  }, [editor, locale])

  // "Bring everyone to me": everyone else starts following the facilitator; moving the
  // camera (or the button in the notice) steps out.
  const summonId = session?.summon?.id
  const summonUser = session?.summon?.userId
  useEffect(() => {
    if (!editor || !summonId || !summonUser || summonUser === user.id) return
    editor.startFollowingUser(createUserId(summonUser))
  }, [editor, summonId, summonUser, user.id])

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
    <>
      <Tldraw
        store={storeWithStatus}
        shapeUtils={customShapeUtils}
        assetUrls={assetUrls}
        licenseKey={licenseKey ?? undefined}
        components={components}
        onMount={(mounted) => {
          const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches
          mounted.user.updateUserPreferences({ locale, ...(reducedMotion ? { animationSpeed: 0 } : {}) })
          fitBoard(mounted)
          const stopTagging = registerNoteTagging(mounted, user, () => tagging.current)
          const stopLocks = registerLockedAreas(mounted, () => locks.current)
          const stopThemes = registerThemeKeeping(mounted)
          setEditor(mounted)
          onEditor(mounted)
          return () => {
            stopTagging()
            stopLocks()
            stopThemes()
            onEditor(null)
          }
        }}
      />
      {editor && session?.summon && session.summon.userId !== user.id && <SummonNotice editor={editor} name={session.summon.name} />}
    </>
  )
}
