import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { PlanDocument } from '@/components/plan/PlanDocument'
import { PrintButton } from '@/components/plan/PrintButton'
import styles from '@/components/plan/plan.module.css'
import { roleOnBoard } from '@/lib/auth/boardAccess'
import { isWellFormedId } from '@/lib/ids'
import { getAppContext } from '@/lib/runtime/appContext'
import { loadBoardPlan } from '@/app/_lib/boardPlan'
import { getLocale, getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

type Params = { params: Promise<{ boardId: string }> }

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { boardId } = await params
  const t = await getT()
  const { store } = getAppContext()
  const board = isWellFormedId(boardId) ? await store.boards.get(boardId) : null
  const user = await getSessionUser()
  const role = board && user ? await roleOnBoard(store, user, board.id) : null
  return { title: board && role ? t('plan.title', { name: board.name }) : t('notFound.title') }
}

/** The plan of a board as a page to read and print; any member of the board. */
export default async function PlanPage({ params }: Params) {
  const { boardId } = await params
  const user = await getSessionUser()
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/boards/${boardId}/plan`)}`)
  const app = getAppContext()
  const board = isWellFormedId(boardId) ? await app.store.boards.get(boardId) : null
  if (!board || !(await roleOnBoard(app.store, user, board.id))) notFound()
  const t = await getT()
  const plan = await loadBoardPlan(app, board, await getLocale())
  return (
    <main id="main">
      <div className={styles.actions}>
        <Link className="button button--quiet" href={`/boards/${board.id}`}>
          <span aria-hidden="true">←</span> {t('plan.back')}
        </Link>
        <PrintButton />
        <a className="button button--quiet" href={`/api/boards/${board.id}/plan.docx`} download>
          {t('plan.docx')}
        </a>
      </div>
      <PlanDocument plan={plan} />
    </main>
  )
}
