import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { AppHeader } from '@/components/layout/AppHeader'
import { RoundOverview } from '@/components/rounds/RoundOverview'
import styles from '@/components/rounds/rounds.module.css'
import { isWellFormedId } from '@/lib/ids'
import { isRoundError } from '@/lib/rounds/roundControl'
import { getAppContext } from '@/lib/runtime/appContext'
import { getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

type Params = { params: Promise<{ roundId: string }> }

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { roundId } = await params
  const t = await getT()
  const user = await getSessionUser()
  if (!user || user.kind !== 'staff' || !isWellFormedId(roundId)) return { title: t('notFound.title') }
  const round = await getAppContext()
    .rounds.get({ id: user.id, name: user.name }, roundId)
    .catch(() => null)
  return { title: round ? `${round.round.name} – ${t('round.overview')}` : t('notFound.title') }
}

/** A planning round's overview, live while the branches work. The round's facilitators only. */
export default async function RoundPage({ params }: Params) {
  const { roundId } = await params
  const user = await getSessionUser()
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/rounds/${roundId}`)}`)
  if (user.kind !== 'staff' || !isWellFormedId(roundId)) notFound()
  const t = await getT()
  const overview = await getAppContext()
    .rounds.overview({ id: user.id, name: user.name }, roundId)
    .catch((error: unknown) => {
      // Someone who does not facilitate the round learns no more than that it is not theirs.
      if (isRoundError(error)) return null
      throw error
    })
  if (!overview) notFound()
  return (
    <>
      <AppHeader userName={user.name} isAdmin={user.isAdmin} />
      <main id="main" className={`home ${styles.page}`}>
        <h1 dir="auto">
          {overview.round.name} {overview.round.period && <span className="muted">({overview.round.period})</span>}
        </h1>
        <div className={styles.actions}>
          <Link className="button button--quiet" href="/rounds">
            <span aria-hidden="true">←</span> {t('round.back')}
          </Link>
          <Link className="button" href={`/rounds/${roundId}/roll-up`}>
            {t('round.rollUp')}
          </Link>
          <a className="button button--quiet" href={`/api/rounds/${roundId}/export.csv`} download>
            {t('round.csv')}
          </a>
        </div>
        <RoundOverview initial={overview} />
      </main>
    </>
  )
}
