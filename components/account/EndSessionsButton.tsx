'use client'

import { signOut } from 'next-auth/react'
import { useState } from 'react'
import { forgetLocalBoards } from '@/components/board/localBoards'
import { useT } from '@/components/i18n/I18nProvider'

/** Ends every session of the account, this one included, and leaves for the sign-in page. */
export function EndSessionsButton() {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [failed, setFailed] = useState(false)
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true)
          setFailed(false)
          const response = await fetch('/api/me/sessions', { method: 'DELETE' }).catch(() => null)
          if (!response?.ok) {
            setFailed(true)
            setBusy(false)
            return
          }
          await forgetLocalBoards().catch(() => undefined)
          await signOut({ callbackUrl: '/signin' })
        }}
      >
        {t('account.endSessions')}
      </button>
      {failed && (
        <p className="form-error" role="alert">
          {t('manage.failed')}
        </p>
      )}
    </>
  )
}
