import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { I18nProvider } from '@/components/i18n/I18nProvider'
import { SkipLink } from '@/components/layout/SkipLink'
import { getLocale, getT } from './_lib/locale'
import './globals.css'

export async function generateMetadata(): Promise<Metadata> {
  const t = await getT()
  return { title: { default: t('app.name'), template: `%s · ${t('app.name')}` }, description: t('app.tagline') }
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale()
  const t = await getT()
  return (
    <html lang={locale}>
      <body>
        <SkipLink label={t('nav.skipToContent')} />
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </body>
    </html>
  )
}
