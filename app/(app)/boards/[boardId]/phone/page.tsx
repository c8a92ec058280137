import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { PhoneIdeaForm } from '@/components/phone/PhoneIdeaForm'
import { LanguageSwitch } from '@/components/layout/LanguageSwitch'
import { roleOnBoard } from '@/lib/auth/boardAccess'
import { isWellFormedId } from '@/lib/ids'
import { getAppContext } from '@/lib/runtime/appContext'
import { getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

type Params = { params: Promise<{ boardId: string }> }

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('phone.heading') }
}

/** The phone page: no canvas, no sync — one small form that posts an idea to an area. */
export default async function PhonePage({ params }: Params) {
  const { boardId } = await params
  const user = await getSessionUser()
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/boards/${boardId}/phone`)}`)
  const { store } = getAppContext()
  const board = isWellFormedId(boardId) ? await store.boards.get(boardId) : null
  if (!board) notFound()
  const role = await roleOnBoard(store, user, board.id)
  const t = await getT()
  if (!role || role === 'observer') {
    return (
      <main id="main" className="message-page">
        <h1>{t('forbidden.title')}</h1>
        <p>{t('forbidden.body')}</p>
      </main>
    )
  }
  return (
    <main id="main" className="phone">
      <div className="phone__top">
        <p className="brand">{t('app.name')}</p>
        <LanguageSwitch />
      </div>
      <h1 dir="auto">{board.name}</h1>
      <h2>{t('phone.heading')}</h2>
      <PhoneIdeaForm boardId={board.id} />
      <p>
        <Link href={`/boards/${board.id}`}>{t('phone.toBoard')}</Link>
      </p>
    </main>
  )
}
