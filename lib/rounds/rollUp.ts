/**
 * The roll-up of a planning round: per area, the themes and top-voted ideas of every branch's
 * board, each with its branch's name, grouped across branches by the same text-similarity
 * clustering the plan cycle suggests themes with (lib/themes/suggestThemes.ts). Pure: the
 * caller digests the boards.
 */
import type { Locale } from '../i18n/locales'
import { AREAS, type AreaId } from '../planning/planningModel'
import { suggestThemes } from '../themes/suggestThemes'
import type { BoardDigest } from './boardDigest'

/** How many of a branch's ideas outside themes an area of the roll-up shows, most votes first. */
export const ROLL_UP_TOP_IDEAS = 5

export interface RollUpItem {
  /** `<boardId>/<id>`: unique across the round. */
  key: string
  boardId: string
  branch: string
  kind: 'note' | 'theme'
  id: string
  text: string
  votes: number
  author: string | null
  /** True when the central board already holds a copy of it. */
  promoted: boolean
}

export interface RollUpGroup {
  /** The group's strongest words; empty for an item that stands alone. */
  title: string
  items: RollUpItem[]
  votes: number
  /** How many different branches the group's items come from. */
  branchCount: number
}

export interface RollUpArea {
  areaId: AreaId
  title: string
  groups: RollUpGroup[]
}

/** A copy on the central board and whether its original has changed since it was promoted. */
export interface PromotedCopy {
  noteId: string
  areaId: AreaId
  text: string
  branch: string
  boardId: string
  originId: string
  kind: 'note' | 'theme'
  votes: number
  author: string | null
  /** The original's text now differs from when it was promoted, or the original is gone. */
  changed: boolean
  originGone: boolean
}

export interface RollUp {
  areas: RollUpArea[]
  promoted: PromotedCopy[]
}

export interface BranchDigest {
  boardId: string
  branch: string
  digest: BoardDigest
}

export const itemKey = (boardId: string, id: string): string => `${boardId}/${id}`

/** What each branch offers an area: every theme, and its most-voted ideas outside themes. */
export function branchItems(branch: BranchDigest, areaId: AreaId): Omit<RollUpItem, 'promoted'>[] {
  const area = branch.digest.areas.find((a) => a.areaId === areaId)
  if (!area) return []
  const base = { boardId: branch.boardId, branch: branch.branch }
  const themes = area.themes.map((theme) => ({
    ...base,
    key: itemKey(branch.boardId, theme.id),
    kind: 'theme' as const,
    id: theme.id,
    text: theme.title,
    votes: theme.votes,
    author: null,
  }))
  const ideas = area.notes
    .filter((note) => note.themeId === null)
    .map((note, order) => ({ note, order }))
    .sort((a, b) => b.note.votes - a.note.votes || a.order - b.order)
    .slice(0, ROLL_UP_TOP_IDEAS)
    .map(({ note }) => ({
      ...base,
      key: itemKey(branch.boardId, note.id),
      kind: 'note' as const,
      id: note.id,
      text: note.text,
      votes: note.votes,
      author: note.author,
    }))
  return [...themes, ...ideas]
}

/** The text of a branch's note or theme now, or null when it is gone. */
export function currentText(branches: readonly BranchDigest[], boardId: string, kind: 'note' | 'theme', id: string): string | null {
  const branch = branches.find((b) => b.boardId === boardId)
  if (!branch) return null
  for (const area of branch.digest.areas) {
    if (kind === 'theme') {
      const theme = area.themes.find((t) => t.id === id)
      if (theme) return theme.title
    } else {
      const note = area.notes.find((n) => n.id === id)
      if (note) return note.text
    }
  }
  return null
}

export function rollUp(branches: readonly BranchDigest[], central: BoardDigest | null, locale: Locale): RollUp {
  const promoted: PromotedCopy[] = []
  for (const area of central?.areas ?? []) {
    for (const note of area.notes) {
      if (!note.origin) continue
      const now = currentText(branches, note.origin.boardId, note.origin.kind, note.origin.id)
      promoted.push({
        noteId: note.id,
        areaId: area.areaId,
        text: note.text,
        branch: note.origin.branch,
        boardId: note.origin.boardId,
        originId: note.origin.id,
        kind: note.origin.kind,
        votes: note.origin.votes,
        author: note.origin.author,
        changed: now !== null && now !== note.origin.text,
        originGone: now === null,
      })
    }
  }
  const promotedKeys = new Set(promoted.map((copy) => itemKey(copy.boardId, copy.originId)))
  const areas = AREAS.map((area): RollUpArea => {
    const items: RollUpItem[] = branches.flatMap((branch) =>
      branchItems(branch, area.id).map((item) => ({ ...item, promoted: promotedKeys.has(item.key) })),
    )
    const byKey = new Map(items.map((item) => [item.key, item]))
    const proposals = suggestThemes(
      items.map((item) => ({ id: item.key, text: item.text })),
      { locale },
    )
    const grouped = new Set<string>()
    const groups: RollUpGroup[] = proposals.map((proposal) => {
      const members = proposal.noteIds.map((key) => byKey.get(key)!).filter(Boolean)
      for (const item of members) grouped.add(item.key)
      return groupOf(proposal.title, members)
    })
    for (const item of items) if (!grouped.has(item.key)) groups.push(groupOf('', [item]))
    // Ideas many branches share come first, then by votes; the order is stable for equal ones.
    groups.sort((a, b) => b.branchCount - a.branchCount || b.votes - a.votes || a.items[0].key.localeCompare(b.items[0].key))
    return { areaId: area.id, title: area.title[locale], groups }
  })
  return { areas, promoted }
}

function groupOf(title: string, items: RollUpItem[]): RollUpGroup {
  const sorted = [...items].sort((a, b) => b.votes - a.votes || a.branch.localeCompare(b.branch, 'sv') || a.key.localeCompare(b.key))
  return {
    title,
    items: sorted,
    votes: sorted.reduce((sum, item) => sum + item.votes, 0),
    branchCount: new Set(sorted.map((item) => item.boardId)).size,
  }
}
