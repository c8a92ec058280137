'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { useT } from '@/components/i18n/I18nProvider'
import type { MessageKey } from '@/lib/i18n/messages'

const SECTIONS: { href: string; label: MessageKey }[] = [
  { href: '/admin/users', label: 'nav.adminAccounts' },
  { href: '/admin/boards', label: 'nav.adminBoards' },
  { href: '/admin/audit', label: 'nav.adminAudit' },
]

/** The administrators' pages, one link each; the current one is marked for screen readers. */
export function AdminNav() {
  const t = useT()
  const path = usePathname()
  return (
    <nav aria-label={t('nav.adminSection')} className="admin-nav">
      <ul role="list" style={{ display: 'flex', gap: 8, listStyle: 'none', padding: 0, flexWrap: 'wrap' }}>
        {SECTIONS.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              className={path === section.href ? 'button button--primary' : 'button'}
              aria-current={path === section.href ? 'page' : undefined}
            >
              {t(section.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
