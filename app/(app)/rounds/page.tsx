import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import { AppHeader } from '@/components/layout/AppHeader'
import { NewRoundForm } from '@/components/rounds/NewRoundForm'
import { getAppContext } from '@/lib/runtime/appContext'
import { getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('round.listTitle') }
}

/** The planning rounds the signed-in person facilitates, and a form for a new one. Staff only. */
export default async function RoundsPage() {
  const user = await getSessionUser()
  if (!user) redirect('/signin?callbackUrl=%2Frounds')
  if (user.kind === 'guest') redirect(`/boards/${user.boardId}`)
  const t = await getT()
  const rounds = await getAppContext().rounds.list({ id: user.id, name: user.name })
  return (
    <>
      <AppHeader userName={user.name} isAdmin={user.isAdmin} />
      <main id="main" className="home">
        <h1>{t('round.listTitle')}</h1>
        {rounds.length === 0 ? (
          <p className="muted">{t('round.none')}</p>
        ) : (
          <ul className="board-list" role="list">
            {rounds.map((round) => (
              <li key={round.id}>
                <Link className="board-card" href={`/rounds/${round.id}`}>
                  <span className="board-card__name" dir="auto">
                    {round.name}
                  </span>
                  <span className="board-card__meta">
                    <span dir="auto">{round.period}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <NewRoundForm />
      </main>
    </>
  )
}
