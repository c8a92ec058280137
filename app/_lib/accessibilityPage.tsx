/**
 * The accessibility statement page, in one language: read from docs/accessibility.md at each
 * request (an installation edits the file and the page follows), with the organisation and
 * contact from the configuration. Open to everyone, signed in or not.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { statementHtml, statementMarkdown } from '@/lib/docs/accessibilityStatement'
import type { Locale } from '@/lib/i18n/locales'
import { translator } from '@/lib/i18n/messages'
import { getAppContext } from '@/lib/runtime/appContext'

const STATEMENT_FILE = path.join(process.cwd(), 'docs', 'accessibility.md')

export async function AccessibilityStatementPage({ locale }: { locale: Locale }) {
  const markdown = statementMarkdown(await fs.readFile(STATEMENT_FILE, 'utf8'), locale, getAppContext().accessibility)
  if (!markdown) notFound()
  const t = translator(locale)
  const other: Locale = locale === 'sv' ? 'en' : 'sv'
  return (
    <main id="main" className="home statement" lang={locale}>
      <p>
        <Link href="/">{t('app.name')}</Link>
        {' · '}
        <Link href={other === 'sv' ? '/tillganglighet' : '/accessibility'} lang={other} hrefLang={other}>
          {translator(other)('a11y.otherLanguage')}
        </Link>
      </p>
      <article dangerouslySetInnerHTML={{ __html: statementHtml(markdown) }} />
    </main>
  )
}
