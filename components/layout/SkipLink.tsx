'use client'

/**
 * "Skip to content": moves focus (not only the scroll position) to the page's main element,
 * so the next Tab continues inside it on every page, the board's canvas page included.
 */
export function SkipLink({ label }: { label: string }) {
  return (
    <a
      className="skip-link"
      href="#main"
      onClick={(event) => {
        const main = document.getElementById('main')
        if (!main) return
        event.preventDefault()
        if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1')
        main.focus()
      }}
    >
      {label}
    </a>
  )
}
