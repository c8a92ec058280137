import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { AdminNav } from '@/components/admin/AdminNav'
import { AdminPersonActions } from '@/components/admin/AdminPersonActions'
import { NewAccountForm } from '@/components/admin/NewAccountForm'
import { AppHeader } from '@/components/layout/AppHeader'
import { getAppContext } from '@/lib/runtime/appContext'
import { getT } from '@/app/_lib/locale'
import { getSessionUser } from '@/app/_lib/session'

export const dynamic = 'force-dynamic'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('admin.title') }
}

export default async function AccountsPage() {
  const user = await getSessionUser()
  if (!user) redirect('/signin?callbackUrl=/admin/users')
  const t = await getT()
  if (user.kind !== 'staff' || !user.isAdmin) {
    return (
      <>
        <AppHeader userName={user.name} isGuest={user.kind === 'guest'} />
        <main id="main" className="message-page">
          <h1>{t('forbidden.title')}</h1>
          <p>{t('admin.forbidden')}</p>
        </main>
      </>
    )
  }
  const users = await getAppContext().store.users.list()
  return (
    <>
      <AppHeader userName={user.name} isAdmin />
      <main id="main" className="home">
        <AdminNav />
        <h1>{t('admin.title')}</h1>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('admin.name')}</th>
              <th scope="col">{t('admin.email')}</th>
              <th scope="col">{t('admin.isAdmin')}</th>
              <th scope="col">{t('adminPeople.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((account) => (
              <tr key={account.id}>
                <td dir="auto">{account.name}</td>
                <td>{account.email}</td>
                <td>{account.isAdmin ? t('admin.yes') : t('admin.no')}</td>
                <td>
                  <AdminPersonActions personId={account.id} name={account.name} self={account.id === user.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <NewAccountForm />
      </main>
    </>
  )
}
