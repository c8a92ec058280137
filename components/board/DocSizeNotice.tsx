'use client'

import { useT } from '@/components/i18n/I18nProvider'

/**
 * Shown when the server refused this browser's changes because the board, or this person's
 * share of it, is full (close code 4413). The connection then waits instead of re-sending the
 * refused change forever; "Try again" reconnects once room has been made.
 */
export function DocSizeNotice({ onRetry }: { onRetry: (() => void) | null }) {
  const t = useT()
  return (
    <div className="doc-full" role="alert">
      <p>
        <strong>{t('docFull.title')}</strong> {t('docFull.body')}
      </p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('docFull.retry')}
        </button>
      )}
    </div>
  )
}
