/**
 * A picture of shapes of the board as SVG or PNG: tldraw assembles the SVG (each shape's
 * `toSvg`, fonts embedded once per face), and a PNG is drawn from it by svgToPng.ts, in bands,
 * with its size held to what a browser canvas can hold without hundreds of megabytes.
 */
import type { Editor, TLShapeId } from 'tldraw'
import { svgToPng, type Progress } from './svgToPng'

export interface BoardPicture {
  blob: Blob
  /** Pixels (PNG) or SVG units. */
  width: number
  height: number
  /** For a PNG drawn smaller than asked (a very large board): the pixels per board unit. */
  reducedTo?: number
}

const PADDING = 32

/**
 * The shapes as a picture. Progress counts one step for the SVG, then the PNG's bands and its
 * encoding; the bar can move during the long part of a big board's export.
 */
export async function boardPicture(
  editor: Editor,
  ids: TLShapeId[],
  options: { format: 'png' | 'svg'; pixelRatio: number; onProgress?: Progress; maxPixels?: number },
): Promise<BoardPicture> {
  const onProgress = options.onProgress ?? (() => undefined)
  onProgress(0, 1)
  const svg = await editor.getSvgString(ids, { background: true, padding: PADDING })
  if (!svg) throw new Error('the shapes gave no picture')
  if (options.format === 'svg') {
    onProgress(1, 1)
    return { blob: new Blob([svg.svg], { type: 'image/svg+xml' }), width: svg.width, height: svg.height }
  }
  const png = await svgToPng(svg.svg, svg.width, svg.height, {
    pixelRatio: options.pixelRatio,
    maxPixels: options.maxPixels,
    // The SVG was the first step; the bands and encoding follow it.
    onProgress: (done, total) => onProgress(1 + done, 1 + total),
  })
  return {
    blob: png.blob,
    width: png.width,
    height: png.height,
    reducedTo: png.scale < options.pixelRatio - 1e-9 ? png.scale : undefined,
  }
}
