/**
 * Plain text out of tldraw's rich text (TipTap JSON) without an editor, for the read model,
 * exports and the server. Block nodes become lines; hard breaks become newlines.
 */
import { toRichText, type TLRichText } from '@tldraw/tlschema'

interface RichNode {
  type?: unknown
  text?: unknown
  content?: unknown
}

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'codeBlock'])

export function plainTextFromRichText(richText: unknown): string {
  const lines: string[] = []
  let current = ''
  const walk = (node: RichNode, depth: number) => {
    if (depth > 64 || !node || typeof node !== 'object') return
    if (node.type === 'text' && typeof node.text === 'string') {
      current += node.text
      return
    }
    if (node.type === 'hardBreak') {
      lines.push(current)
      current = ''
      return
    }
    const isBlock = typeof node.type === 'string' && BLOCK_TYPES.has(node.type)
    const linesBefore = lines.length
    if (Array.isArray(node.content)) {
      for (const child of node.content) walk(child as RichNode, depth + 1)
    }
    // A block that wraps other blocks (a list item around its paragraph) has had its line
    // ended by them; ending it again would add a blank line. An empty block is a blank line.
    if (isBlock && (current !== '' || lines.length === linesBefore)) {
      lines.push(current)
      current = ''
    }
  }
  walk(richText as RichNode, 0)
  if (current) lines.push(current)
  return lines.join('\n').trim()
}

/** Whether rich text holds any visible character; stops at the first (cheap for counting notes). */
export function hasText(richText: unknown): boolean {
  const walk = (node: RichNode, depth: number): boolean => {
    if (depth > 64 || !node || typeof node !== 'object') return false
    if (node.type === 'text' && typeof node.text === 'string') return node.text.trim() !== ''
    return Array.isArray(node.content) && node.content.some((child) => walk(child as RichNode, depth + 1))
  }
  return walk(richText as RichNode, 0)
}

export function richTextFromPlainText(text: string): TLRichText {
  return toRichText(text)
}
