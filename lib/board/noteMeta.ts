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
}

export function noteMeta(meta: NoteMeta): JsonObject {
  const out: JsonObject = { areaId: meta.areaId }
  if (meta.createdAt !== undefined) out.createdAt = meta.createdAt
  if (meta.createdBy) out.createdBy = { id: meta.createdBy.id, name: meta.createdBy.name }
  if (meta.updatedAt !== undefined) out.updatedAt = meta.updatedAt
  if (meta.starter) out.starter = true
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
  }
}
