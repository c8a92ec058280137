import type { Metadata } from 'next'
import { AdminBoardActions } from '@/components/admin/AdminBoardActions'
import { AdminNav } from '@/components/admin/AdminNav'
import { AppHeader } from '@/components/layout/AppHeader'
import { getAppContext } from '@/lib/runtime/appContext'
import { getLocale, getT } from '@/app/_lib/locale'
import { requireAdminPage } from '@/app/_lib/adminPage'

export const dynamic = 'force-dynamic'

const DAY_MS = 24 * 60 * 60 * 1000

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('adminBoards.title') }
}

export default async function AdminBoardsPage() {
  const gate = await requireAdminPage('/admin/boards')
  if (!gate.ok) return gate.page
  const [t, locale] = [await getT(), await getLocale()]
  const app = getAppContext()
  const boards = await app.store.boards.listAll()
  const date = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium' })
  const graceDays = app.boards.graceDays
  return (
    <>
      <AppHeader userName={gate.user.name} isAdmin />
      <main id="main" className="home">
        <AdminNav />
        <h1>{t('adminBoards.title')}</h1>
        <p>{t('adminBoards.intro', { days: graceDays })}</p>
        {boards.length === 0 ? (
          <p className="muted">{t('adminBoards.empty')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('adminBoards.name')}</th>
                <th scope="col">{t('adminBoards.state')}</th>
                <th scope="col">{t('adminBoards.changed')}</th>
                <th scope="col">{t('adminBoards.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {boards.map((board) => (
                <tr key={board.id}>
                  <td dir="auto">{board.name}</td>
                  <td>
                    {board.deletedAt !== null
                      ? t('adminBoards.deleted', { date: date.format(new Date(board.deletedAt + graceDays * DAY_MS)) })
                      : board.archivedAt !== null
                        ? t('adminBoards.archived')
                        : t('adminBoards.active')}
                  </td>
                  <td>{date.format(new Date(board.updatedAt))}</td>
                  <td>
                    <AdminBoardActions boardId={board.id} name={board.name} deleted={board.deletedAt !== null} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  )
}
