import Link from 'next/link'
import { redirect } from 'next/navigation'
import { AppHeader } from '@/components/layout/AppHeader'
import { ImportBackupForm } from '@/components/home/ImportBackupForm'
import { NewBoardForm } from '@/components/home/NewBoardForm'
import { getAppContext, type AppContext } from '@/lib/runtime/appContext'
import { BoardManageMenu } from '@/components/home/BoardManageMenu'
import styles from '@/components/home/boardManage.module.css'
import type { MessageKey, Translate } from '@/lib/i18n/messages'
import type { BoardWithRole } from '@/lib/store/types'
import { getLocale, getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

const DAY_MS = 24 * 60 * 60 * 1000

/** When an unused board will be removed, once its facilitators are being warned; else null. */
function removalDate(board: BoardWithRole, retention: AppContext['retention'], now: number): number | null {
  if (!retention.days) return null
  const removal = board.updatedAt + retention.days * DAY_MS
  return removal - Math.min(retention.warningDays, retention.days) * DAY_MS <= now ? removal : null
}

function BoardList({
  boards,
  t,
  date,
  graceDays,
  retention,
}: {
  boards: BoardWithRole[]
  t: Translate
  date: Intl.DateTimeFormat
  graceDays: number
  retention: AppContext['retention']
}) {
  const now = Date.now()
  return (
    <ul className="board-list" role="list">
      {boards.map((board) => (
        <li key={board.id} className={styles.item}>
          <Link className="board-card" href={`/boards/${board.id}`}>
            <span className="board-card__name" dir="auto">
              {board.name}
            </span>
            <span className="board-card__meta">
              <span className={`role role--${board.role}`}>{t(`home.role.${board.role}` as MessageKey)}</span>
              <span>{t('home.updated', { date: date.format(new Date(board.updatedAt)) })}</span>
              {removalDate(board, retention, now) !== null && board.role === 'facilitator' && (
                <strong>
                  {t('home.retentionWarning', { date: date.format(new Date(Math.max(removalDate(board, retention, now)!, now))) })}
                </strong>
              )}
            </span>
          </Link>
          {board.role === 'facilitator' ? (
            <BoardManageMenu boardId={board.id} name={board.name} archived={board.archivedAt !== null} graceDays={graceDays} />
          ) : (
            <span />
          )}
        </li>
      ))}
    </ul>
  )
}

export default async function HomePage() {
  const user = await getSessionUser()
  if (!user) redirect('/signin')
  // A guest has one board only.
  if (user.kind === 'guest') redirect(`/boards/${user.boardId}`)
  const [t, locale] = [await getT(), await getLocale()]
  const app = getAppContext()
  const all = await app.store.boards.listForUser(user.id)
  const boards = all.filter((board) => board.archivedAt === null)
  const archived = all.filter((board) => board.archivedAt !== null)
  const date = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <>
      <AppHeader userName={user.name} isAdmin={user.isAdmin} />
      <main id="main" className="home">
        <h1>{t('home.title')}</h1>
        <p>
          <Link href="/rounds">{t('round.nav')}</Link>
        </p>
        {boards.length === 0 ? (
          <p className="muted">{t('home.empty')}</p>
        ) : (
          <BoardList boards={boards} t={t} date={date} graceDays={app.boards.graceDays} retention={app.retention} />
        )}
        {archived.length > 0 && (
          <details>
            <summary>{t('home.archived', { count: archived.length })}</summary>
            <BoardList boards={archived} t={t} date={date} graceDays={app.boards.graceDays} retention={app.retention} />
          </details>
        )}
        <NewBoardForm />
        <ImportBackupForm />
      </main>
    </>
  )
}
