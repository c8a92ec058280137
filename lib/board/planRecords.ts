/**
 * Themes and commitments as tldraw records, built without an editor (for the server's
 * follow-up board, imports and tests), and the layout a theme gives its notes.
 */
import { createShapeId, type TLRecord, type TLShapeId } from '@tldraw/tlschema'
import type { AreaId } from '../planning/planningModel'
import { areaOfPoint, zonesOf } from './areaOfPoint'
import type { IndexKey } from '@tldraw/utils'
import { BOARD_PAGE_ID } from './docLayout'
import { COMMITMENT_SHAPE_TYPE, THEME_SHAPE_TYPE, type CommitmentShape, type CommitmentShapeProps, type ThemeShape } from './planShapes'
import { NOTE_SIZE } from './templateLayout'

/** A commitment card's size: wide enough for a sentence, its owner, due date and indicator. */
export const COMMITMENT_W = 360
export const COMMITMENT_H = 230

export function buildThemeRecord(options: {
  id?: TLShapeId
  x: number
  y: number
  title: string
  w?: number
  h?: number
  index?: IndexKey
}): ThemeShape {
  return {
    id: options.id ?? createShapeId(),
    typeName: 'shape',
    type: THEME_SHAPE_TYPE,
    x: options.x,
    y: options.y,
    rotation: 0,
    index: options.index ?? ('a1' as IndexKey),
    parentId: BOARD_PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: options.w ?? NOTE_SIZE + 2 * THEME_PADDING,
      h: options.h ?? NOTE_SIZE + THEME_HEADER + THEME_PADDING,
      title: options.title,
    },
  }
}

export function buildCommitmentRecord(
  options: { id?: TLShapeId; x: number; y: number; index?: IndexKey } & Partial<CommitmentShapeProps> & { text: string },
): CommitmentShape {
  return {
    id: options.id ?? createShapeId(),
    typeName: 'shape',
    type: COMMITMENT_SHAPE_TYPE,
    x: options.x,
    y: options.y,
    rotation: 0,
    index: options.index ?? ('a1' as IndexKey),
    parentId: BOARD_PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: options.w ?? COMMITMENT_W,
      h: options.h ?? COMMITMENT_H,
      text: options.text,
      owner: options.owner ?? '',
      ownerId: options.ownerId ?? '',
      due: options.due ?? '',
      indicator: options.indicator ?? '',
      sources: options.sources ?? [],
      status: options.status ?? '',
      statusComment: options.statusComment ?? '',
      carried: options.carried ?? false,
    },
  }
}

/** Room inside a theme's border, and above its notes for the title. */
export const THEME_PADDING = 16
export const THEME_HEADER = 52
export const THEME_GAP = 16

export interface ThemeChild {
  id: string
  /** Position relative to the theme, as tldraw stores a child's. */
  x: number
  y: number
  /** The note's height (notes grow downwards with their text). */
  h: number
}

/**
 * A theme's notes in reading order (top to bottom, then left to right) in a grid of up to
 * three columns under the title, and the theme's size around them. A theme is laid out as
 * one block: whoever moves or tidies it moves the theme, never its notes one by one.
 */
export function layoutTheme(children: readonly ThemeChild[]): { w: number; h: number; slots: { id: string; x: number; y: number }[] } {
  const ordered = [...children].sort((a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const columns = ordered.length <= 2 ? Math.max(1, ordered.length) : ordered.length <= 4 ? 2 : 3
  const slots: { id: string; x: number; y: number }[] = []
  let rowTop = THEME_HEADER
  for (let start = 0; start < ordered.length; start += columns) {
    const row = ordered.slice(start, start + columns)
    row.forEach((child, i) => slots.push({ id: child.id, x: THEME_PADDING + i * (NOTE_SIZE + THEME_GAP), y: rowTop }))
    rowTop += Math.max(...row.map((child) => child.h)) + THEME_GAP
  }
  const h = ordered.length === 0 ? THEME_HEADER + NOTE_SIZE / 2 : rowTop - THEME_GAP + THEME_PADDING
  return { w: 2 * THEME_PADDING + columns * NOTE_SIZE + (columns - 1) * THEME_GAP, h, slots }
}

/** The area of a theme (or commitment): the zone that holds its centre. */
export function themeAreaOf(records: Iterable<TLRecord>, shape: ThemeShape | CommitmentShape): AreaId | null {
  return areaOfPoint(zonesOf(records), { x: shape.x + shape.props.w / 2, y: shape.y + shape.props.h / 2 })
}
