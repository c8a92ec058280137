/**
 * Moving through a page as a keyboard user does: Tab until the wanted control has focus,
 * and a description of what has focus (its accessible name, roughly as a screen reader says it).
 */
import type { Page } from 'playwright-core'

export interface Focused {
  tag: string
  name: string
  /** The outline note the focus is in, if any. */
  noteId: string | null
  /** The outline area the focus is in ('' outside every area), if any. */
  area: string | null
  inCanvas: boolean
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return { tag: 'body', name: '', noteId: null, area: null, inCanvas: false }
    const labelled = el.getAttribute('aria-labelledby')
    // A label around its control: the label's own words, not the control's options.
    const label = (el as HTMLInputElement).labels?.[0]?.cloneNode(true) as HTMLElement | undefined
    label?.querySelectorAll('input, select, textarea').forEach((control) => control.remove())
    const name =
      el.getAttribute('aria-label') ??
      (labelled ? document.getElementById(labelled)?.textContent : null) ??
      label?.textContent ??
      el.textContent ??
      ''
    return {
      tag: el.tagName.toLowerCase(),
      name: name.replace(/\s+/g, ' ').trim(),
      noteId: el.closest<HTMLElement>('[data-note-id]')?.dataset.noteId ?? null,
      area: el.closest<HTMLElement>('[data-outline-area]')?.dataset.outlineArea ?? null,
      inCanvas: !!el.closest('.tl-container'),
    }
  })
}

/** Presses Tab until `wanted` holds for the focused element; fails after `max` presses. */
export async function tabTo(page: Page, wanted: (f: Focused) => boolean, { max = 200, backwards = false } = {}): Promise<Focused> {
  const seen: string[] = []
  for (let i = 0; i <= max; i++) {
    const now = await focused(page)
    if (wanted(now)) return now
    seen.push(`${now.tag} "${now.name.slice(0, 40)}"`)
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`focus never reached the wanted element; last stops:\n${seen.slice(-12).join('\n')}`)
}

export const named = (pattern: RegExp) => (f: Focused) => pattern.test(f.name)

/** Opens a board at `boardUrl` and switches to *Lista* with the keyboard (unless it shows already). */
export async function openOutlineByKeyboard(page: Page, boardUrl: string) {
  await page.goto(boardUrl)
  await page.locator('.connection[data-state="connected"]').waitFor()
  const toggle = page.getByRole('button', { name: 'Lista', exact: true })
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') {
    await tabTo(page, (f) => f.tag === 'button' && f.name === 'Lista')
    await page.keyboard.press('Enter')
  }
  await page.getByTestId('outline').waitFor()
}

/** Takes focus to an area's heading in *Lista* through *Gå till område*. */
export async function jumpToArea(page: Page, title: string) {
  await tabTo(page, (f) => f.tag === 'select' && f.name === 'Gå till område')
  await page.keyboard.type(title.slice(0, 6))
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  const at = await focused(page)
  if (at.tag !== 'h3' || at.name !== title)
    throw new Error(`Gå till område took focus to ${at.tag} “${at.name}”, not the heading “${title}”`)
}
