/**
 * A picture of shapes of the board as SVG, PNG or JPEG. The SVG is tldraw's (each shape's
 * `toSvg`, fonts embedded once per face). A PNG is painted in layers (boardPng.ts): plain notes
 * straight onto the canvas, the rest from tldraw's SVG; where that would take too many layers it
 * is drawn from one SVG of everything (svgToPng.ts). Either way its size is held to what a
 * browser canvas can hold without hundreds of megabytes.
 */
import type { Editor, TLShapeId } from 'tldraw'
import { boardPng, planLayers } from './boardPng'
import { svgToPng, type Progress } from './svgToPng'

export interface BoardPicture {
  blob: Blob
  /** Pixels (PNG, JPEG) or SVG units. */
  width: number
  height: number
  /** For a picture drawn smaller than asked (a very large board): the pixels per board unit. */
  reducedTo?: number
}

const PADDING = 32

/** The shapes as a picture; progress moves through the work, not only at its end. */
export async function boardPicture(
  editor: Editor,
  ids: TLShapeId[],
  options: { format: 'png' | 'jpeg' | 'svg'; pixelRatio: number; onProgress?: Progress; maxPixels?: number },
): Promise<BoardPicture> {
  const onProgress = options.onProgress ?? (() => undefined)
  onProgress(0, 1)
  // The bar shows before the first long call: React draws it when the page next gets a turn.
  await new Promise((resolve) => setTimeout(resolve, 0))
  if (options.format === 'svg') {
    const svg = await editor.getSvgString(ids, { background: true, padding: PADDING })
    if (!svg) throw new Error('the shapes gave no picture')
    onProgress(1, 1)
    return { blob: new Blob([svg.svg], { type: 'image/svg+xml' }), width: svg.width, height: svg.height }
  }
  const type = options.format === 'jpeg' ? 'image/jpeg' : 'image/png'
  const plan = planLayers(editor, ids, PADDING)
  const picture = plan
    ? await boardPng(editor, plan, { pixelRatio: options.pixelRatio, maxPixels: options.maxPixels, onProgress, type, padding: PADDING })
    : await wholeSvgPicture(editor, ids, { ...options, onProgress, type })
  return {
    blob: picture.blob,
    width: picture.width,
    height: picture.height,
    reducedTo: picture.scale < options.pixelRatio - 1e-9 ? picture.scale : undefined,
  }
}

/** The picture from one SVG of all the shapes: one step for the SVG, then its bands. */
async function wholeSvgPicture(
  editor: Editor,
  ids: TLShapeId[],
  options: { pixelRatio: number; onProgress: Progress; maxPixels?: number; type: 'image/png' | 'image/jpeg' },
) {
  const svg = await editor.getSvgString(ids, { background: true, padding: PADDING })
  if (!svg) throw new Error('the shapes gave no picture')
  return svgToPng(svg.svg, svg.width, svg.height, {
    pixelRatio: options.pixelRatio,
    maxPixels: options.maxPixels,
    type: options.type,
    onProgress: (done, total) => options.onProgress(1 + done, 1 + total),
  })
}
