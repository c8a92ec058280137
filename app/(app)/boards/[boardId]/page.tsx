import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { BoardScreen } from '@/components/board/BoardScreen'
import { AppHeader } from '@/components/layout/AppHeader'
import { roleOnBoard, viewerUserId } from '@/lib/auth/boardAccess'
import { boardDocId } from '@/lib/board/docIds'
import { readBoardMeta } from '@/lib/board/docLayout'
import { isWellFormedId } from '@/lib/ids'
import { getAppContext } from '@/lib/runtime/appContext'
import { getT } from '@/app/_lib/locale'
import { getSessionUser, viewerOf } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

type Params = { params: Promise<{ boardId: string }> }

/** The board's name is the page's title for its members only. */
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { boardId } = await params
  const { store } = getAppContext()
  const t = await getT()
  const board = isWellFormedId(boardId) ? await store.boards.get(boardId) : null
  if (!board) return { title: t('notFound.title') }
  const user = await getSessionUser()
  const role = user ? await roleOnBoard(store, viewerOf(user), board.id) : null
  return { title: role ? board.name : t('forbidden.title') }
}

export default async function BoardPage({ params }: Params) {
  const { boardId } = await params
  const user = await getSessionUser()
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/boards/${boardId}`)}`)
  const { store, tldrawLicenseKey } = getAppContext()
  const board = isWellFormedId(boardId) ? await store.boards.get(boardId) : null
  if (!board) notFound()
  const role = await roleOnBoard(store, viewerOf(user), board.id)
  if (!role) {
    const t = await getT()
    return (
      <>
        <AppHeader userName={user.name} isGuest={user.kind === 'guest'} />
        <main id="main" className="message-page">
          <h1>{t('forbidden.title')}</h1>
          <p>{t('forbidden.body')}</p>
          <p>
            <Link className="button button--primary" href="/">
              {t('notFound.home')}
            </Link>
          </p>
        </main>
      </>
    )
  }
  // A guest's branch comes from the invite they joined by.
  const guest = user.kind === 'guest' ? await store.guests.get(user.guestId) : null
  const invite = guest ? await store.invites.get(guest.inviteId) : null
  const continues = (await getAppContext().sync.readDoc(boardDocId(board.id), readBoardMeta)).continues ?? null
  return (
    <BoardScreen
      boardId={board.id}
      boardName={board.name}
      user={{ id: viewerUserId(viewerOf(user)), name: user.name }}
      role={role}
      isGuest={user.kind === 'guest'}
      label={invite?.label ?? null}
      licenseKey={tldrawLicenseKey}
      continues={continues}
    />
  )
}
