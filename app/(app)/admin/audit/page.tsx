import type { Metadata } from 'next'
import Link from 'next/link'
import { AdminNav } from '@/components/admin/AdminNav'
import { AppHeader } from '@/components/layout/AppHeader'
import type { MessageKey } from '@/lib/i18n/messages'
import { getAppContext } from '@/lib/runtime/appContext'
import { requireAdminPage } from '@/app/_lib/adminPage'
import { getLocale, getT } from '@/app/_lib/locale'

export const dynamic = 'force-dynamic'

const PAGE_SIZE = 200

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('audit.title') }
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const gate = await requireAdminPage('/admin/audit')
  if (!gate.ok) return gate.page
  const [t, locale] = [await getT(), await getLocale()]
  const before = Number((await searchParams).before)
  const app = getAppContext()
  const entries = await app.store.audit.list({ limit: PAGE_SIZE, before: Number.isSafeInteger(before) && before > 0 ? before : undefined })
  const boardNames = new Map((await app.store.boards.listAll()).map((board) => [board.id, board.name]))
  const time = new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' })
  const last = entries.at(-1)
  return (
    <>
      <AppHeader userName={gate.user.name} isAdmin />
      <main id="main" className="home">
        <AdminNav />
        <h1>{t('audit.title')}</h1>
        <p>{t('audit.intro')}</p>
        <p>
          <a className="button" href="/api/admin/audit?format=csv" download>
            {t('audit.exportCsv')}
          </a>{' '}
          <a className="button" href="/api/admin/audit" download="strategitavlan-logg.json">
            {t('audit.exportJson')}
          </a>
        </p>
        {entries.length === 0 ? (
          <p className="muted">{t('audit.empty')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.board')}</th>
                <th scope="col">{t('audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq}>
                  <td>{time.format(new Date(entry.at))}</td>
                  <td dir="auto">{entry.actor ? entry.actor.name || entry.actor.id : t('audit.system')}</td>
                  <td>{t(`audit.action.${entry.action}` as MessageKey)}</td>
                  <td dir="auto">{entry.boardId ? (boardNames.get(entry.boardId) ?? entry.boardId) : ''}</td>
                  <td>{[entry.detail, entry.targetId].filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {last && entries.length === PAGE_SIZE && (
          <p>
            <Link href={`/admin/audit?before=${last.seq}`}>{t('audit.older')}</Link>
          </p>
        )}
      </main>
    </>
  )
}
