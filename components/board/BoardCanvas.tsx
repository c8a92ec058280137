'use client'

import { getAssetUrls } from '@tldraw/assets/selfHosted'
import { useEffect, useRef, useState } from 'react'
import {
  Tldraw,
  createUserId,
  type Editor,
  type TLCameraOptions,
  type TLComponents,
  type TldrawOptions,
  type TLStoreWithStatus,
  type TLTextOptions,
  type TLUiOverrides,
} from 'tldraw'
import 'tldraw/tldraw.css'
import type { BoardSchemaError } from '@/lib/collab/bindStoreToDoc'
import { useI18n } from '@/components/i18n/I18nProvider'
import { BoardStylePanel } from './BoardStylePanel'
import { MapLabels } from './MapLabels'
import { useBoardSessionContext } from './BoardSessionContext'
import { customShapeUtils } from './customShapeUtils'
import { registerFarNotes } from './farNotes'
import { fitBoard } from './fitBoard'
import { registerLockedAreas } from './lockedAreas'
import { registerNoteTagging, type TaggingContext } from './noteTagging'
import { SummonNotice } from './SummonNotice'
import { registerThemeKeeping } from './themeKeeping'

// Fonts, icons and translations are served by this app (copied from @tldraw/assets at
// install), never fetched from tldraw's CDN: a branch library may have no internet path.
// The embed menu's icons (YouTube, Figma, …) are left out: the server refuses embeds (see
// server/sync/recordGuard.ts), and tldraw would fetch all 18 as the board opens.
const selfHosted = getAssetUrls({ baseUrl: '/tldraw' })
const assetUrls = { ...selfHosted, embedIcons: Object.fromEntries(Object.keys(selfHosted.embedIcons).map((key) => [key, ''])) }

// Nothing that would fetch from another site: no "Insert embed" in the menu.
const overrides: TLUiOverrides = {
  actions(_editor, actions) {
    const { 'insert-embed': _embed, ...kept } = actions
    return kept
  },
}

// One page per board: the page menu would only invite confusion.
/**
 * Zoom from 5 % (a whole 500-note map) to 400 % (a note's text at four times its size), one step
 * short of tldraw's 800 %. On every open tldraw paints its hatch-fill pattern once for each power
 * of two up to max ÷ min zoom, at 8 px × that power, in two themes; the 800 % step alone is the
 * two largest (2,048 px) squares — three quarters of that painting, about 0.3 s of the page's
 * main thread before the first note on a 2-core machine (bench/results.md, "Board open").
 */
const cameraOptions: Partial<TLCameraOptions> = { zoomSteps: [0.05, 0.1, 0.25, 0.5, 1, 2, 4] }

/**
 * A note's text editor does not jump to its start a moment after it opens. tldraw asks TipTap to
 * focus the new editor "at the start" on a timer of 0 ms, and itself moves the caret to the end
 * 100 ms later. On a busy laptop the browser runs the keys a person types before those timers,
 * so *Lägg till idé* and then typing at once gave "dé skrivIen" for "Idé skriven": the first
 * keys went in, the caret went back to the start, then to the end. The editor still gets the
 * focus (tldraw focuses it when editing starts) and the caret at the end.
 */
const textOptions: TLTextOptions = { tipTapConfig: { autofocus: false } }

/**
 * The camera counts as moving until 120 ms pass without a move (tldraw's default: 64). When it
 * stops, tldraw updates its efficient zoom, which our far notes and every note's area tag follow.
 * A mouse wheel's notches come 70–100 ms apart, and a frame of a 1,000-note map can take longer
 * than 64 ms on a weak laptop, so with the default the camera "stopped" between notches. Every
 * notch then restyled every note's text and tag, which made the next frame slower still
 * (bench/results.md, "The canvas with 1000 notes").
 */
const CAMERA_MOVING_TIMEOUT_MS = 120
const editorOptions: Partial<TldrawOptions> = { cameraMovingTimeoutMs: CAMERA_MOVING_TIMEOUT_MS }

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
        overrides={overrides}
        licenseKey={licenseKey ?? undefined}
        components={components}
        cameraOptions={cameraOptions}
        textOptions={textOptions}
        options={editorOptions}
        onMount={(mounted) => {
          const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches
          mounted.user.updateUserPreferences({ locale, ...(reducedMotion ? { animationSpeed: 0 } : {}) })
          fitBoard(mounted)
          // A pasted link would become an embed or a link preview, both refused by the server
          // (and the socket that wrote them closed): it is pasted as its text instead.
          mounted.registerExternalContentHandler('url', ({ url, point, sources }) =>
            mounted.putExternalContent({ type: 'text', text: url, point, sources }),
          )
          const stopTagging = registerNoteTagging(mounted, user, () => tagging.current)
          const stopLocks = registerLockedAreas(mounted, () => locks.current)
          const stopThemes = registerThemeKeeping(mounted)
          const stopFarNotes = registerFarNotes(mounted)
          setEditor(mounted)
          onEditor(mounted)
          return () => {
            stopTagging()
            stopLocks()
            stopThemes()
            stopFarNotes()
            onEditor(null)
          }
        }}
      />
      {editor && session?.summon && session.summon.userId !== user.id && <SummonNotice editor={editor} name={session.summon.name} />}
    </>
  )
}
