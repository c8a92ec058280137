'use client'

import { useActionState } from 'react'
import { sendPhoneIdea, type PhoneIdeaState } from '@/app/_actions/sendPhoneIdea'
import { AREAS, STEPS } from '@/lib/planning/planningModel'
import { useI18n } from '@/components/i18n/I18nProvider'

/** Pick an area, type an idea, send. Small enough for a slow phone connection. */
export function PhoneIdeaForm({ boardId }: { boardId: string }) {
  const { locale, t } = useI18n()
  const [state, action, pending] = useActionState<PhoneIdeaState, FormData>(sendPhoneIdea, { status: 'idle' })
  const message =
    state.status === 'sent'
      ? t('phone.sent')
      : state.status === 'private'
        ? `${t('phone.sent')} ${t('phone.private')}`
        : state.status === 'locked'
          ? t('phone.locked')
          : state.status === 'failed'
            ? t('phone.failed')
            : state.status === 'ended'
              ? t('phone.ended')
              : null
  const sent = state.status === 'sent' || state.status === 'private'
  return (
    <form action={action} className="stack phone-form">
      <input type="hidden" name="boardId" value={boardId} />
      <label className="field">
        <span>{t('phone.area')}</span>
        <select name="areaId" required defaultValue={state.areaId ?? AREAS[0].id} key={state.areaId}>
          {STEPS.map((step) => (
            <optgroup key={step.number} label={`${step.number}. ${step.title[locale]}`}>
              {AREAS.filter((a) => a.step === step.number).map((area) => (
                <option key={area.id} value={area.id}>
                  {area.title[locale]}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('phone.text')}</span>
        {/* A new answer re-mounts the field: empty after sending, what was typed otherwise. */}
        <textarea name="text" required maxLength={2000} rows={4} key={state.at ?? 'draft'} defaultValue={sent ? '' : (state.text ?? '')} />
      </label>
      {message && (
        <p className={sent ? 'form-ok' : 'form-error'} role={state.status === 'ended' ? 'alert' : 'status'}>
          {message}
        </p>
      )}
      <button type="submit" className="button button--primary button--large" disabled={pending || state.status === 'ended'}>
        {t('phone.send')}
      </button>
    </form>
  )
}
