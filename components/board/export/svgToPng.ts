/**
 * An exported SVG drawn into a PNG, in bands, with progress. tldraw's own `toImage` reads the
 * whole SVG into a base64 data URL, draws it in one call and lets Chromium rasterise all of it
 * when `toBlob` reads the pixels: minutes of silence for a 1,000-note board and, at 14008 × 7738
 * px, a 433 MB canvas. Here the canvas is held to
 * {@link MAX_PICTURE_PIXELS}, and it is drawn band by band, each band rasterised (one pixel read
 * back) before the next, so the bar moves with the work actually done.
 */

/** About 40 Mpx: a 160 MB canvas, the largest picture a whole-board export makes. */
export const MAX_PICTURE_PIXELS = 40_000_000
/** Chromium's and Firefox's longest canvas side is 32767 px; Safari's is smaller still. */
const MAX_SIDE = 16_384
const BAND_PIXELS = 4_000_000
/** The canvas every browser holds (4096 × 4096). */
export const SAFE_PIXELS = 4096 * 4096

export interface PictureSize {
  /** Pixels per SVG unit of the picture. */
  scale: number
  width: number
  height: number
}

/**
 * The picture's pixel size: `pixelRatio` pixels per unit unless that passes
 * {@link MAX_PICTURE_PIXELS} or a side of {@link MAX_SIDE}, then as large as fits.
 */
export function pictureSize(width: number, height: number, pixelRatio: number, maxPixels = MAX_PICTURE_PIXELS): PictureSize {
  const scale = Math.min(pixelRatio, Math.sqrt(maxPixels / (width * height)), MAX_SIDE / width, MAX_SIDE / height)
  return { scale, width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) }
}

export type Progress = (done: number, total: number) => void

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** The SVG (`width` × `height` units) as a PNG of {@link pictureSize}. */
export async function svgToPng(
  svg: string,
  width: number,
  height: number,
  options: { pixelRatio: number; onProgress?: Progress; maxPixels?: number; type?: 'image/png' | 'image/jpeg' },
): Promise<{ blob: Blob } & PictureSize> {
  try {
    return await drawPng(svg, width, height, options)
  } catch (error) {
    // A browser with a smaller canvas (Safari on a phone holds 16.7 Mpx) fails the first try:
    // once more at a size every browser holds.
    const fits = pictureSize(width, height, options.pixelRatio, SAFE_PIXELS)
    const asked = pictureSize(width, height, options.pixelRatio, options.maxPixels)
    if (fits.scale >= asked.scale) throw error
    return drawPng(svg, width, height, { ...options, maxPixels: SAFE_PIXELS })
  }
}

async function drawPng(
  svg: string,
  width: number,
  height: number,
  options: { pixelRatio: number; onProgress?: Progress; maxPixels?: number; type?: 'image/png' | 'image/jpeg' },
): Promise<{ blob: Blob } & PictureSize> {
  const size = pictureSize(width, height, options.pixelRatio, options.maxPixels)
  // A data URL, not a blob URL: Chromium counts an SVG with HTML in it (a zone's foreignObject)
  // from a blob URL as foreign, and would refuse to give its pixels back. Percent-encoding the
  // text is one quick pass; tldraw's FileReader base64 round trip took over a second here.
  const image = new Image()
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const context = canvas.getContext('2d')
  if (!context) throw new Error(`no 2D canvas of ${size.width} × ${size.height} px`)
  const bandRows = Math.max(1, Math.floor(BAND_PIXELS / size.width))
  const bands = Math.ceil(size.height / bandRows)
  // One step for each band and one for the encoding.
  const total = bands + 1
  for (let band = 0; band < bands; band++) {
    const top = band * bandRows
    const rows = Math.min(bandRows, size.height - top)
    context.drawImage(image, 0, top / size.scale, width, rows / size.scale, 0, top, size.width, rows)
    // Chromium records the drawing and rasterises it only when pixels are read: reading one
    // makes this band's work happen now, so the progress is the work done, not the work queued.
    context.getImageData(0, top, 1, 1)
    options.onProgress?.(band + 1, total)
    await nextTask()
  }
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, options.type ?? 'image/png', 0.9))
  if (!blob) throw new Error(`the ${size.width} × ${size.height} px canvas gave no picture`)
  canvas.width = canvas.height = 0
  options.onProgress?.(total, total)
  return { blob, ...size }
}
