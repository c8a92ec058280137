'use client'

import { useLayoutEffect } from 'react'

/**
 * For a panel that opens from a button and closes by unmounting: when it goes, focus goes
 * back to whatever had it when the panel opened (its button), instead of falling to the page
 * — unless focus has already moved somewhere on purpose.
 */
export function useReturnFocus(): void {
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    return () => {
      // After the panel's elements have left the DOM.
      queueMicrotask(() => {
        const current = document.activeElement
        if (opener?.isConnected && (!current || current === document.body)) opener.focus()
      })
    }
  }, [])
}
