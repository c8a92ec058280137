import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { cache } from 'react'
import { BoardScreen } from '@/components/board/BoardScreen'
import { AppHeader } from '@/components/layout/AppHeader'
import { roleOnBoard } from '@/lib/auth/boardAccess'
import { publicPerson } from '@/lib/auth/person'
import { boardDocId } from '@/lib/board/docIds'
import { readBoardMeta } from '@/lib/board/docLayout'
import { isWellFormedId } from '@/lib/ids'
import { getAppContext } from '@/lib/runtime/appContext'
import { getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

type Params = { params: Promise<{ boardId: string }> }

/**
 * The board and the signed-in person's role on it, read once a request: the page and its
 * metadata both ask. (The session has read a guest and their invite, once, too.)
 */
const boardAndRole = cache(async (boardId: string) => {
  const { store } = getAppContext()
  const board = isWellFormedId(boardId) ? await store.boards.get(boardId) : null
  const user = await getSessionUser()
  const role = board && user ? await roleOnBoard(store, user, board.id) : null
  return { board, role }
})

/** The board's name is the page's title for its members only. */
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { boardId } = await params
  const t = await getT()
  const { board, role } = await boardAndRole(boardId)
  if (!board) return { title: t('notFound.title') }
  return { title: role ? board.name : t('forbidden.title') }
}

export default async function BoardPage({ params }: Params) {
  const { boardId } = await params
  const user = await getSessionUser()
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/boards/${boardId}`)}`)
  const { tldrawLicenseKey, sync } = getAppContext()
  const { board, role } = await boardAndRole(boardId)
  if (!board) notFound()
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
  const continues = (await sync.readDoc(boardDocId(board.id), readBoardMeta)).continues ?? null
  return (
    <BoardScreen
      boardId={board.id}
      boardName={board.name}
      person={publicPerson(user)}
      role={role}
      licenseKey={tldrawLicenseKey}
      continues={continues}
    />
  )
}
