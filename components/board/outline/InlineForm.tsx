'use client'

import { useLayoutEffect, useRef, useState } from 'react'
import { useT } from '@/components/i18n/I18nProvider'
import type { MessageKey } from '@/lib/i18n/messages'
import styles from './outline.module.css'

/**
 * A form that opens in place of the button that opened it. Cancelled, it gives focus back to
 * that button (in a layout effect, before the outline looks for lost focus); `done` closes it
 * without, for when the result takes focus elsewhere.
 */
export function useInlineForm() {
  const [open, setOpen] = useState(false)
  const opener = useRef<HTMLButtonElement>(null)
  const returnFocus = useRef(false)
  useLayoutEffect(() => {
    if (open || !returnFocus.current) return
    returnFocus.current = false
    opener.current?.focus()
  }, [open])
  return {
    open,
    opener,
    show: () => setOpen(true),
    close: () => {
      returnFocus.current = true
      setOpen(false)
    },
    done: () => setOpen(false),
  }
}

/** The submit and cancel buttons under an outline form. */
export function FormActions({ submit, onCancel }: { submit: MessageKey; onCancel(): void }) {
  const t = useT()
  return (
    <div className={styles.actions}>
      <button type="submit" className="button button--primary">
        {t(submit)}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t('outline.cancel')}
      </button>
    </div>
  )
}
