/**
 * Giving a zone its room back after a facilitator takes notes away (one person's notes, see
 * lib/facilitation/authorNotes.ts). The layout keeper trims empty rows and columns off a zone's
 * bottom and right, but after a flood the notes left often lie far down a zone it made large —
 * written after it — and nothing can be trimmed without moving them. So a zone that lost notes
 * (or room kept for a private round) is compacted as *Städa området* does, in the reading order
 * its notes have now — when that gives back at least a row of it; a zone that lost a note or two
 * keeps its arrangement and is only trimmed. A person's notes are never compacted in ordinary
 * use: only in the facilitator's own act, which saves a snapshot first.
 */
import type { TLRecord } from '@tldraw/tlschema'
import type { AreaId } from '../planning/planningModel'
import { arrangeRecords, arrangementOf, layoutItemsOf } from './arrangeRecords'
import { CELL_STEP, type Size } from './mapFlow'

export interface CompactOptions {
  /** Free cells a private round keeps in each zone (see `reserve` in ./arrangeRecords.ts). */
  reserve?: Partial<Record<AreaId, number>>
  /** Whether the other zones may be trimmed (not while a private round's notes are hidden). */
  shrink: boolean
}

/** The areas the notes `ids` of `records` belong to. */
export function areasOf(records: ReadonlyMap<string, TLRecord>, ids: Iterable<string>): Set<AreaId> {
  const wanted = new Set(ids)
  const areas = new Set<AreaId>()
  for (const item of layoutItemsOf(records)) if (wanted.has(item.id) && item.areaId) areas.add(item.areaId)
  return areas
}

/**
 * The records that change when the zones of `lost` are compacted where that is worth it, and
 * the rest of the board is trimmed (when `shrink`); no item outside those zones moves.
 */
export function compactAfterRemoval(
  records: ReadonlyMap<string, TLRecord>,
  lost: ReadonlySet<AreaId>,
  options: CompactOptions,
): TLRecord[] {
  const base = { reserve: options.reserve, movable: () => false }
  const rank = readingOrder(records, lost)
  const trimmed = arrangementOf(records, { ...base, shrink: true })
  const tidied = lost.size > 0 ? arrangementOf(records, { ...base, shrink: true, tidy: lost, rank }) : null
  const worth = new Set<AreaId>()
  if (trimmed && tidied) {
    for (const areaId of lost) if (givesBackARow(trimmed.map.areas[areaId], tidied.map.areas[areaId])) worth.add(areaId)
  }
  return arrangeRecords(records, { ...base, shrink: options.shrink, ...(worth.size > 0 ? { tidy: worth, rank } : {}) })
}

/** Whether the compact size is smaller than the trimmed one by at least one of its rows. */
function givesBackARow(trimmed: Size, compact: Size): boolean {
  return compact.w * (compact.h + CELL_STEP) <= trimmed.w * trimmed.h
}

/**
 * Reading order (rows top to bottom, then left to right) of the items in `areas` as they lie:
 * a compacted zone keeps the order people see — after a voting round's tidy, by votes.
 */
function readingOrder(records: ReadonlyMap<string, TLRecord>, areas: ReadonlySet<AreaId>): Map<string, number> {
  // Items of one grid row share a band even when a person dropped one a little off the grid.
  const band = (y: number) => Math.round(y / CELL_STEP)
  const items = layoutItemsOf(records).filter((item) => item.areaId !== null && areas.has(item.areaId))
  items.sort((a, b) => band(a.y) - band(b.y) || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return new Map(items.map((item, index) => [item.id, index]))
}
