'use client'

import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useT } from '@/components/i18n/I18nProvider'

/**
 * A modal dialog, open while it is mounted: a heading that names it and a close button.
 * Escape and the button both close it, and then `onClose` runs.
 */
export function ModalDialog({
  title,
  narrow = false,
  onClose,
  children,
}: {
  title: string
  narrow?: boolean
  onClose(): void
  children: ReactNode
}) {
  const t = useT()
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => dialog.current?.showModal(), [])
  return (
    <dialog ref={dialog} className={narrow ? 'dialog dialog--narrow' : 'dialog'} aria-labelledby={titleId} onClose={onClose}>
      <div className="dialog__head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button--quiet" onClick={() => dialog.current?.close()}>
          {t('share.close')}
        </button>
      </div>
      {children}
    </dialog>
  )
}
