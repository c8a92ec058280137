/**
 * What a sticky note carries in its tldraw `meta`: the area it sits in, and who made it when.
 * Stored in the document so every client, export and third-party Yjs client sees the same.
 */
import type { JsonObject } from '@tldraw/utils'
import { isAreaId, type AreaId } from '../planning/planningModel'

export interface NoteMeta {
  /** The area whose zone holds the note's centre, or null outside every zone. */
  areaId: AreaId | null
  createdAt?: number
  createdBy?: { id: string; name: string }
  /** When the note's text last changed (epoch ms); absent until it is edited after creation. */
  updatedAt?: number
  /** True for the template's optional "Åtaganden ur VP 2008" notes. */
  starter?: boolean
  /** Set on a copy promoted from a branch's board into a planning round's central board. */
  origin?: NoteOrigin
}

/** Where a promoted copy came from, as the original was when it was promoted (issue 18). */
export interface NoteOrigin {
  roundId: string
  boardId: string
  branch: string
  /** The original note's or theme's shape id. */
  id: string
  kind: 'note' | 'theme'
  /** The original's text (a theme's title) when promoted: a later difference shows it changed. */
  text: string
  votes: number
  /** The author's name, or null on an anonymous board or for a theme. */
  author: string | null
}

function readOrigin(value: unknown): NoteOrigin | undefined {
  if (!value || typeof value !== 'object') return undefined
  const o = value as Record<string, unknown>
  const strings = ['roundId', 'boardId', 'branch', 'id', 'text'] as const
  if (!strings.every((key) => typeof o[key] === 'string')) return undefined
  if (o.kind !== 'note' && o.kind !== 'theme') return undefined
  return {
    roundId: o.roundId as string,
    boardId: o.boardId as string,
    branch: o.branch as string,
    id: o.id as string,
    kind: o.kind,
    text: o.text as string,
    votes: typeof o.votes === 'number' && Number.isFinite(o.votes) ? Math.max(0, Math.floor(o.votes)) : 0,
    author: typeof o.author === 'string' ? o.author : null,
  }
}

export function noteMeta(meta: NoteMeta): JsonObject {
  const out: JsonObject = { areaId: meta.areaId }
  if (meta.createdAt !== undefined) out.createdAt = meta.createdAt
  if (meta.createdBy) out.createdBy = { id: meta.createdBy.id, name: meta.createdBy.name }
  if (meta.updatedAt !== undefined) out.updatedAt = meta.updatedAt
  if (meta.starter) out.starter = true
  if (meta.origin) out.origin = { ...meta.origin }
  return out
}

/** Reads a note's meta defensively: it may come from any client. */
export function readNoteMeta(meta: unknown): NoteMeta {
  const m = (meta && typeof meta === 'object' ? meta : {}) as Record<string, unknown>
  const createdBy = m.createdBy as Record<string, unknown> | undefined
  return {
    areaId: isAreaId(m.areaId) ? m.areaId : null,
    createdAt: typeof m.createdAt === 'number' && Number.isFinite(m.createdAt) ? m.createdAt : undefined,
    createdBy:
      createdBy && typeof createdBy.id === 'string' && typeof createdBy.name === 'string'
        ? { id: createdBy.id, name: createdBy.name }
        : undefined,
    updatedAt: typeof m.updatedAt === 'number' && Number.isFinite(m.updatedAt) ? m.updatedAt : undefined,
    starter: m.starter === true ? true : undefined,
    origin: readOrigin(m.origin),
  }
}
