import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { JoinForm } from '@/components/join/JoinForm'
import { LanguageSwitch } from '@/components/layout/LanguageSwitch'
import { isInviteOpen, roleOnBoard } from '@/lib/auth/boardAccess'
import { hashInviteToken, isWellFormedInviteToken } from '@/lib/auth/inviteToken'
import type { MessageKey } from '@/lib/i18n/messages'
import { getAppContext } from '@/lib/runtime/appContext'
import { getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { robots: { index: false } }

type Params = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function JoinPage({ params, searchParams }: Params) {
  const { token } = await params
  // Links from the facilitator's QR code lead to the phone page.
  const toPhone = (await searchParams).to === 'phone'
  const t = await getT()
  const { store } = getAppContext()
  const invite = isWellFormedInviteToken(token) ? await store.invites.findByTokenHash(hashInviteToken(token)) : null
  const board = invite ? await store.boards.get(invite.boardId) : null
  const valid = invite && board && isInviteOpen(invite)

  if (!valid) {
    return (
      <main id="main" className="signin">
        <div className="signin__card">
          <h1>{t('join.invalid')}</h1>
          <p>{t('join.invalidBody')}</p>
        </div>
      </main>
    )
  }

  // Someone who can already open the board goes straight there.
  const user = await getSessionUser()
  const destination = toPhone ? `/boards/${board.id}/phone` : `/boards/${board.id}`
  if (user && (await roleOnBoard(store, user, board.id))) redirect(destination)

  return (
    <main id="main" className="signin">
      <div className="signin__card">
        <div className="signin__top">
          <p className="brand">{t('app.name')}</p>
          <LanguageSwitch />
        </div>
        <h1 dir="auto">{t('join.title', { board: board.name })}</h1>
        <p>{t('join.intro', { role: t(`role.${invite.role}` as MessageKey).toLowerCase() })}</p>
        <JoinForm token={token} destination={destination} />
      </div>
    </main>
  )
}
