import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound, redirect } from 'next/navigation'
import { AppHeader } from '@/components/layout/AppHeader'
import { RollUpView } from '@/components/rounds/RollUpView'
import styles from '@/components/rounds/rounds.module.css'
import { isWellFormedId } from '@/lib/ids'
import { isRoundError } from '@/lib/rounds/roundControl'
import { getAppContext } from '@/lib/runtime/appContext'
import { getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

type Params = { params: Promise<{ roundId: string }> }

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('round.rollUp') }
}

/** The round's roll-up, from which its facilitators promote ideas to the central board. */
export default async function RollUpPage({ params }: Params) {
  const { roundId } = await params
  const user = await getSessionUser()
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/rounds/${roundId}/roll-up`)}`)
  if (user.kind !== 'staff' || !isWellFormedId(roundId)) notFound()
  const t = await getT()
  const rollUp = await getAppContext()
    .rounds.rollUp({ id: user.id, name: user.name }, roundId)
    .catch((error: unknown) => {
      if (isRoundError(error)) return null
      throw error
    })
  if (!rollUp) notFound()
  const { round, ...rest } = rollUp
  return (
    <>
      <AppHeader userName={user.name} isAdmin={user.isAdmin} />
      <main id="main" className="home">
        <h1 dir="auto">
          {round.name}: {t('round.rollUp')}
        </h1>
        <div className={styles.actions}>
          <Link className="button button--quiet" href={`/rounds/${roundId}`}>
            <span aria-hidden="true">←</span> {t('round.overview')}
          </Link>
          {rest.centralBoardId && (
            <Link className="button" href={`/boards/${rest.centralBoardId}`}>
              {t('round.central')}
            </Link>
          )}
        </div>
        <RollUpView roundId={roundId} initial={rest} />
      </main>
    </>
  )
}
