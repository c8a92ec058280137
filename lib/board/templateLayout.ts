/**
 * The units of the board's geometry (tldraw page units): a note's size, the gaps between
 * notes, a zone's padding and header, and a note's height estimated from its text. Where the
 * map's parts go is ./mapFlow.ts; where notes go, ./boardLayout.ts.
 */
export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export const NOTE_SIZE = 200
export const NOTE_GAP = 24
export const ZONE_PADDING = 32
/** Room for an area's title, its guiding question (up to two lines) and the add-idea button. */
export const ZONE_HEADER = 206

/**
 * A note's height once its text wraps, estimated without a browser: tldraw notes are 200
 * units wide with 16 units of padding and grow downwards to fit their text. The estimate is
 * deliberately generous (narrow characters per line) so neighbours never overlap.
 */
export function estimateNoteHeight(text: string, fontSize = 18): number {
  const charsPerLine = Math.floor((NOTE_SIZE - 2 * 16) / (fontSize * 0.6))
  let lines = 0
  for (const paragraph of text.split('\n')) {
    lines += Math.max(1, wrapCount(paragraph, charsPerLine))
  }
  return Math.max(NOTE_SIZE, Math.ceil(2 * 16 + lines * fontSize * 1.35 + 8))
}

function wrapCount(paragraph: string, charsPerLine: number): number {
  let lines = 1
  let column = 0
  for (const word of paragraph.split(/\s+/).filter(Boolean)) {
    const needed = column === 0 ? word.length : column + 1 + word.length
    if (needed <= charsPerLine) {
      column = needed
    } else {
      lines += column === 0 ? 0 : 1
      lines += Math.floor(word.length / (charsPerLine + 1))
      column = word.length % (charsPerLine + 1)
    }
  }
  return lines
}

export function rectContains(rect: Rect, point: { x: number; y: number }): boolean {
  return point.x >= rect.x && point.x <= rect.x + rect.w && point.y >= rect.y && point.y <= rect.y + rect.h
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}
