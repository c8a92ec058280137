'use client'

import { useT } from '@/components/i18n/I18nProvider'

export function PrintButton() {
  const t = useT()
  return (
    <button type="button" className="button button--primary" onClick={() => window.print()}>
      {t('plan.printButton')}
    </button>
  )
}
