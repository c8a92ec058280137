import type { Metadata } from 'next'
import { AccessibilityStatementPage } from '@/app/_lib/accessibilityPage'
import { translator } from '@/lib/i18n/messages'

export const dynamic = 'force-dynamic'

export const metadata: Metadata = { title: translator('sv')('a11y.linkText') }

export default function Page() {
  return <AccessibilityStatementPage locale="sv" />
}
