import type { KeyboardEvent } from 'react'

/** Enter submits, Shift+Enter is a new line, Escape cancels (not while an IME composes). */
export function submitKeys(event: KeyboardEvent<HTMLTextAreaElement>, submit: () => void, cancel: () => void) {
  if (event.nativeEvent.isComposing) return
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault()
    submit()
  } else if (event.key === 'Escape') {
    event.preventDefault()
    cancel()
  }
}
