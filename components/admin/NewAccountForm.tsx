'use client'

import { useRouter } from 'next/navigation'
import { useActionState, useEffect } from 'react'
import { createAccount, type CreateAccountState } from '@/app/_actions/createAccount'
import { useT } from '@/components/i18n/I18nProvider'

export function NewAccountForm() {
  const t = useT()
  const router = useRouter()
  const [state, action, pending] = useActionState<CreateAccountState, FormData>(createAccount, { status: 'idle' })
  useEffect(() => {
    if (state.status === 'created') router.refresh()
  }, [state, router])
  const message =
    state.status === 'created'
      ? t('admin.created', { email: state.email ?? '' })
      : state.status === 'exists'
        ? t('admin.exists')
        : state.status === 'invalid'
          ? t('admin.invalid')
          : state.status === 'forbidden'
            ? t('admin.forbidden')
            : null
  return (
    <form action={action} className="new-board stack">
      <h2>{t('admin.create')}</h2>
      <label className="field">
        <span>{t('admin.name')}</span>
        <input name="name" type="text" required maxLength={120} />
      </label>
      <label className="field">
        <span>{t('admin.email')}</span>
        <input name="email" type="email" required autoComplete="off" />
      </label>
      <label className="field">
        <span>{t('admin.password')}</span>
        <input name="password" type="password" required minLength={10} autoComplete="new-password" />
      </label>
      <label className="checkbox">
        <input name="isAdmin" type="checkbox" />
        <span>{t('admin.isAdmin')}</span>
      </label>
      {message && (
        <p className={state.status === 'created' ? 'form-ok' : 'form-error'} role="status">
          {message}
        </p>
      )}
      <div>
        <button type="submit" className="button button--primary" disabled={pending}>
          {t('admin.create')}
        </button>
      </div>
    </form>
  )
}
