import Link from 'next/link'
import { redirect } from 'next/navigation'
import { AppHeader } from '@/components/layout/AppHeader'
import { ImportBackupForm } from '@/components/home/ImportBackupForm'
import { NewBoardForm } from '@/components/home/NewBoardForm'
import { getAppContext } from '@/lib/runtime/appContext'
import type { MessageKey } from '@/lib/i18n/messages'
import { getLocale, getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

export default async function HomePage() {
  const user = await getSessionUser()
  if (!user) redirect('/signin')
  // A guest has one board only.
  if (user.kind === 'guest') redirect(`/boards/${user.boardId}`)
  const [t, locale] = [await getT(), await getLocale()]
  const boards = await getAppContext().store.boards.listForUser(user.id)
  const date = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <>
      <AppHeader userName={user.name} isAdmin={user.isAdmin} />
      <main id="main" className="home">
        <h1>{t('home.title')}</h1>
        {boards.length === 0 ? (
          <p className="muted">{t('home.empty')}</p>
        ) : (
          <ul className="board-list" role="list">
            {boards.map((board) => (
              <li key={board.id}>
                <Link className="board-card" href={`/boards/${board.id}`}>
                  <span className="board-card__name" dir="auto">
                    {board.name}
                  </span>
                  <span className="board-card__meta">
                    <span className={`role role--${board.role}`}>{t(`home.role.${board.role}` as MessageKey)}</span>
                    <span>{t('home.updated', { date: date.format(new Date(board.updatedAt)) })}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <NewBoardForm />
        <ImportBackupForm />
      </main>
    </>
  )
}
