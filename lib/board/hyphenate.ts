/**
 * Soft hyphens for long words in notes, so that a Swedish compound such as
 * "Kompetensutvecklingsinsatser" breaks at a syllable ("Kompetens-/utvecklingsinsatser") instead
 * of shrinking the whole note's text to fit it on one line, or breaking at any letter.
 *
 * Why not CSS `hyphens: auto`: it needs the browser's hyphenation dictionary, which many
 * Chromium builds (Debian's among them) do not ship, and tldraw measures a note's text to choose
 * its font size; both the measuring element and the label must break the same way, on every
 * member's device, or members would write different sizes for one note. Soft hyphens (U+00AD)
 * are honoured by every browser with the default `hyphens: manual`, and the Liang patterns of
 * the `hyphen` library (TeX's Swedish patterns) place them the same way everywhere.
 *
 * Soft hyphens are for display only: they are inserted where a note is measured and drawn, and
 * never stored (`withoutSoftHyphens` strips any that reach a note's text).
 */
import { hyphenateSync } from 'hyphen/sv'
import type { TLRichText } from '@tldraw/tlschema'

export const SOFT_HYPHEN = '\u00AD'

/** Words shorter than this never break: the shrink-to-fit of a short word is not a problem. */
export const MIN_HYPHENATED_WORD = 10

interface RichNode {
  type?: unknown
  text?: unknown
  content?: unknown
  [key: string]: unknown
}

/** The text with soft hyphens at the syllable breaks of its long words. */
export function hyphenateText(text: string): string {
  if (text.length < MIN_HYPHENATED_WORD || text.includes(SOFT_HYPHEN)) return text
  // Web addresses and e-mail addresses are left whole: a hyphen in them reads as part of them.
  return text
    .split(/(\s+)/)
    .map((part) =>
      part.length < MIN_HYPHENATED_WORD || /[/@:]/.test(part) ? part : hyphenateSync(part, { minWordLength: MIN_HYPHENATED_WORD }),
    )
    .join('')
}

function mapText(node: RichNode, depth: number, change: (text: string) => string): RichNode {
  if (depth > 64 || !node || typeof node !== 'object') return node
  if (node.type === 'text' && typeof node.text === 'string') {
    const text = change(node.text)
    return text === node.text ? node : { ...node, text }
  }
  if (!Array.isArray(node.content)) return node
  let changed = false
  const content = node.content.map((child: RichNode) => {
    const next = mapText(child, depth + 1, change)
    if (next !== child) changed = true
    return next
  })
  return changed ? { ...node, content } : node
}

const hyphenated = new WeakMap<object, TLRichText>()

/**
 * Rich text with soft hyphens in its long words; the same object back when nothing changes.
 * Cached per rich-text object, so drawing a note again costs nothing.
 */
export function hyphenateRichText(richText: TLRichText): TLRichText {
  const cached = hyphenated.get(richText)
  if (cached) return cached
  const result = mapText(richText as unknown as RichNode, 0, hyphenateText) as unknown as TLRichText
  hyphenated.set(richText, result)
  return result
}

/** Rich text without soft hyphens; the same object back when it has none. */
export function withoutSoftHyphens(richText: TLRichText): TLRichText {
  return mapText(richText as unknown as RichNode, 0, (text) =>
    text.includes(SOFT_HYPHEN) ? text.split(SOFT_HYPHEN).join('') : text,
  ) as unknown as TLRichText
}
