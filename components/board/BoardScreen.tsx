'use client'

import dynamic from 'next/dynamic'
import Link from 'next/link'
import { useEffect, useMemo, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import type { Person } from '@/lib/auth/person'
import type { BoardRole } from '@/lib/auth/roles'
import { useT } from '@/components/i18n/I18nProvider'
import { AppHeader } from '@/components/layout/AppHeader'
import { BoardSessionProvider, type BoardSessionValue } from './BoardSessionContext'
import { AddIdeaMenu } from './AddIdeaMenu'
import { BoardExportMenu } from './BoardExportMenu'
import { ConnectionBadge } from './ConnectionBadge'
import { DocFillNotice } from './DocFillNotice'
import { DocSizeNotice } from './DocSizeNotice'
import { FacilitatorPanel } from './FacilitatorPanel'
import { fitBoard } from './fitBoard'
import { FollowUpSection } from './FollowUpSection'
import { afterOpening, keepForOffline } from './keepForOffline'
import { PhoneDialog } from './PhoneDialog'
import { PeopleList } from './PeopleList'
import type { MemberPresence } from './presence'
import { createServerClock } from './roomTicket'
import { PlanPanel } from './PlanPanel'
import { ShareDialog } from './ShareDialog'
import { TimerBadge } from './TimerBadge'
import { VotingStatus } from './VotingStatus'
import { OutlineView } from './outline/OutlineView'
import { PresentationView } from './presentation/PresentationView'
import { ViewSwitch } from './outline/ViewSwitch'
import { useBoardView } from './outline/useBoardView'
import { tidyArea, tidyBoard } from './tidy'
import { useBoardSession } from './useBoardSession'
import { useBoardStore } from './useBoardStore'
import { useMyVotes } from './useMyVotes'
import { usePrivateRound } from './usePrivateRound'

// The editor needs the DOM; it is never rendered on the server. In the browser its chunk (and
// tldraw's CSS) starts loading with this module, while the page hydrates, not after it.
const loadCanvas = () => import('./BoardCanvas')
if (typeof window !== 'undefined') void loadCanvas()
const BoardCanvas = dynamic(loadCanvas, { ssr: false })

export interface BoardScreenProps {
  boardId: string
  boardName: string
  /** The signed-in person; a guest's branch (`label`) shows with their name to others. */
  person: Person
  role: BoardRole
  licenseKey: string | null
  /** The board whose plan this board follows up, if any. */
  continues?: { boardId: string; name: string } | null
}

export function BoardScreen({ boardId, boardName, person: user, role, licenseKey, continues = null }: BoardScreenProps) {
  const t = useT()
  const isGuest = user.kind === 'guest'
  const member = useMemo<MemberPresence>(() => ({ id: user.id, name: user.name, role, label: user.label }), [user, role])
  // The server's time as learnt from this board's room tickets: the timer counts in it.
  const [clock] = useState(createServerClock)
  const board = useBoardStore(boardId, member, clock)
  const { session, tally } = useBoardSession(board.doc)
  const store = board.storeWithStatus.status === 'synced-remote' ? board.storeWithStatus.store : null
  usePrivateRound(store, boardId, user.id, session.privateRound, clock)
  const votes = useMyVotes(boardId, session.voting)
  const opened = board.storeWithStatus.status === 'synced-remote'
  const [editor, setEditor] = useState<Editor | null>(null)
  // Keeping the board for offline use re-fetches the page and every static file; it waits until
  // the canvas is up and the browser idle, so it never competes with the board's first paint.
  const canvasUp = editor !== null
  const kept = useRef(false)
  useEffect(() => {
    if (!opened || kept.current) return
    return afterOpening(canvasUp, () => {
      kept.current = true
      keepForOffline()
        .then((ready) => (document.documentElement.dataset.offlineReady = String(ready)))
        .catch(() => undefined)
    })
  }, [opened, canvasUp])
  const boardView = useBoardView(editor)
  const accessEnded = board.connection === 'forbidden' || board.connection === 'signed-out' || board.connection === 'not-found'
  const [sharing, setSharing] = useState(false)
  const [phone, setPhone] = useState(false)
  const [panel, setPanel] = useState<'facilitate' | 'people' | 'plan' | null>(null)
  const facilitator = role === 'facilitator'
  // A participant may step out of a presentation (by its id) and back in.
  const [steppedOut, setSteppedOut] = useState<string | null>(null)
  const presentation = session.presentation
  const presenting = presentation !== null && steppedOut !== presentation.id
  const startPresenting = () =>
    void fetch(`/api/boards/${encodeURIComponent(boardId)}/facilitation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'presentation.show', frame: 'intro', page: 0 }),
    })

  // Access ended (link revoked, role removed, signed out): nothing more can reach the board, so
  // the canvas stops taking edits at once and says so; what is on it stays, to read and copy.
  useEffect(() => {
    if (accessEnded) editor?.updateInstanceState({ isReadonly: true })
  }, [accessEnded, editor])
  const context = useMemo<BoardSessionValue>(
    () => ({
      boardId,
      userId: user.id,
      // With access gone nobody acts as more than an observer: nothing could reach the board.
      role: accessEnded ? 'observer' : role,
      session,
      tally,
      myVotes: votes.mine,
      remainingVotes: votes.remaining,
      vote: votes.vote,
      doc: board.doc,
    }),
    [boardId, user.id, role, accessEnded, session, tally, votes.mine, votes.remaining, votes.vote, board.doc],
  )

  return (
    <BoardSessionProvider value={context}>
      <div className="board-screen">
        <AppHeader userName={user.name} isGuest={isGuest} foldUser>
          {!isGuest && (
            <Link href="/" className="button button--quiet">
              <span aria-hidden="true">←</span> {t('board.back')}
            </Link>
          )}
          <h1 className="board-title" dir="auto">
            {boardName}
          </h1>
          {continues && (
            <a className="board-continues" href={`/boards/${continues.boardId}`}>
              {t('plan.continues', { name: continues.name })}
            </a>
          )}
          <ConnectionBadge state={board.connection} />
          <TimerBadge timer={session.timer} clock={clock} />
          <VotingStatus />
          {session.privateRound?.active && <span className="role-notice role-notice--private">{t('private.active')}</span>}
          {role === 'observer' && <span className="role-notice">{t('board.observerNotice')}</span>}
        </AppHeader>
        {board.connection === 'doc-full' && <DocSizeNotice onRetry={board.retry} />}
        {facilitator && session.docFill && board.connection !== 'doc-full' && <DocFillNotice fill={session.docFill} doc={board.doc} />}
        <nav className="board-toolbar" aria-label={t('board.toolbar')}>
          <ViewSwitch view={boardView.view} onChange={boardView.switchTo} />
          {boardView.view === 'canvas' && (
            <button
              type="button"
              className="button button--quiet"
              disabled={!editor}
              onClick={() => editor && fitBoard(editor, { animate: true })}
            >
              {t('board.fit')}
            </button>
          )}
          {boardView.view === 'canvas' && editor && <AddIdeaMenu editor={editor} />}
          {facilitator && !presentation && (
            <button type="button" className="button button--quiet" onClick={startPresenting}>
              {t('present.start')}
            </button>
          )}
          {presentation && !presenting && (
            <button type="button" className="button button--primary" onClick={() => setSteppedOut(null)}>
              {t('present.rejoin')}
            </button>
          )}
          <BoardExportMenu boardId={boardId} boardName={boardName} role={role} editor={editor} />
          <button
            type="button"
            className="button button--quiet"
            aria-expanded={panel === 'plan'}
            disabled={!editor}
            onClick={() => setPanel(panel === 'plan' ? null : 'plan')}
          >
            {t('plan.panel')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            aria-expanded={panel === 'people'}
            onClick={() => setPanel(panel === 'people' ? null : 'people')}
          >
            {t('people.title')}
          </button>
          {facilitator && (
            <>
              <button
                type="button"
                className="button"
                aria-expanded={panel === 'facilitate'}
                onClick={() => setPanel(panel === 'facilitate' ? null : 'facilitate')}
              >
                {t('facilitate.open')}
              </button>
              <button type="button" className="button" onClick={() => setSharing(true)} aria-haspopup="dialog">
                {t('share.open')}
              </button>
            </>
          )}
        </nav>
        {sharing && <ShareDialog boardId={boardId} currentUserId={user.id} onClose={() => setSharing(false)} />}
        {phone && <PhoneDialog boardId={boardId} onClose={() => setPhone(false)} />}
        {accessEnded && (
          <div className="access-ended" role="alert">
            <p>{t('board.accessEnded')}</p>
            {boardView.view === 'canvas' && (
              <button type="button" className="button" onClick={() => boardView.switchTo('outline')}>
                {t('board.accessEndedList')}
              </button>
            )}
          </div>
        )}
        <main
          id="main"
          className={`board-main${session.showAuthors && !session.anonymous ? '' : ' authors-hidden'} ${boardView.mainClass}`}
          aria-label={t('board.canvasLabel', { name: boardName })}
          aria-describedby="board-canvas-hint"
        >
          <p id="board-canvas-hint" className="visually-hidden">
            {t('board.canvasHint')}
          </p>
          <BoardCanvas
            storeWithStatus={board.storeWithStatus}
            schemaError={board.schemaError}
            user={user}
            licenseKey={licenseKey}
            onEditor={setEditor}
          />
          {boardView.view === 'outline' && store && (
            <OutlineView
              store={store}
              user={user}
              boardName={boardName}
              isGuest={isGuest}
              continues={continues}
              initialNoteId={boardView.outlineNote}
              onPlace={boardView.notePlaced}
            />
          )}
          {presenting && presentation && <PresentationView boardName={boardName} onStepOut={() => setSteppedOut(presentation.id)} />}
          {panel === 'facilitate' && facilitator && (
            <FacilitatorPanel
              boardId={boardId}
              session={session}
              onClose={() => setPanel(null)}
              onTidy={() => editor && tidyBoard(editor)}
              onTidyArea={(areaId) => editor && tidyArea(editor, areaId)}
              onPhone={() => setPhone(true)}
            />
          )}
          {panel === 'plan' && editor && (
            <PlanPanel
              boardId={boardId}
              role={role}
              editor={editor}
              tally={tally}
              onClose={() => setPanel(null)}
              extra={facilitator && !isGuest ? <FollowUpSection boardId={boardId} boardName={boardName} /> : null}
            />
          )}
          {panel === 'people' && <PeopleList awareness={board.awareness} selfId={user.id} onClose={() => setPanel(null)} />}
        </main>
      </div>
    </BoardSessionProvider>
  )
}
