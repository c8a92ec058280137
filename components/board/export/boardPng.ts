/**
 * A PNG of shapes of the board drawn in layers on one canvas: plain notes painted by us
 * (notePicture.ts), everything else (zones, the map, themes, rich-text notes) as tldraw draws it
 * in SVG, each run of shapes in paint order its own layer. A 1,000-note board took 7 s through one
 * SVG of everything, over half of it tldraw rendering 1,000 notes and Chromium parsing and
 * laying out their SVG (bench/results.md); painted, the notes are a small part of the time, and
 * the progress bar moves with them.
 */
import { Box, isPageId, type Editor, type TLNoteShape, type TLParentId, type TLShapeId } from 'tldraw'
import { TaggedNoteShapeUtil } from '../shapes/TaggedNoteShapeUtil'
import { loadLabelFonts } from './noteFonts'
import { paintNote, type NotePicture } from './notePicture'
import { pictureSize, SAFE_PIXELS, type PictureSize, type Progress } from './svgToPng'

/** Past this many SVG layers the picture is made as one SVG after all (boardPicture.ts). */
const MAX_SVG_LAYERS = 6
const NOTES_PER_STEP = 100
const BAND_PIXELS = 4_000_000

interface PaintedNote {
  picture: NotePicture
  id: TLShapeId
  opacity: number
  scale: number
}

export type Layer = { kind: 'svg'; ids: TLShapeId[]; bounds: Box } | { kind: 'notes'; notes: PaintedNote[] }

export interface LayerPlan {
  /** The picture's extent in page units, padded as tldraw pads an export. */
  bounds: Box
  layers: Layer[]
}

/**
 * The shapes (with their descendants) in paint order, cut into layers: a run of plain notes on
 * the page becomes one painted layer, a run of anything else one SVG layer. Null when there would
 * be more than {@link MAX_SVG_LAYERS} SVG layers or nothing to draw.
 */
export function planLayers(editor: Editor, ids: TLShapeId[], padding: number): LayerPlan | null {
  const included = editor.getShapeAndDescendantIds(ids)
  const rendering = paintOrder(editor).filter(({ id }) => included.has(id))
  const colorMode = editor.getColorMode()
  let bounds: Box | null = null
  const layers: Layer[] = []
  for (const { id, opacity } of rendering) {
    const pageBounds = editor.getShapeMaskedPageBounds(id)
    if (!pageBounds) continue
    bounds = bounds ? bounds.union(pageBounds) : pageBounds.clone()
    const shape = editor.getShape(id)!
    const util = editor.getShapeUtil(shape)
    // A note inside a theme is drawn with its theme (tldraw takes a shape's descendants with it).
    const picture =
      shape.type === 'note' && isPageId(shape.parentId) && !editor.getShapeMask(id) && util instanceof TaggedNoteShapeUtil
        ? util.toPicture(shape as TLNoteShape, colorMode)
        : null
    const last = layers.at(-1)
    if (picture) {
      const note = { picture, id, opacity, scale: (shape as TLNoteShape).props.scale }
      if (last?.kind === 'notes') last.notes.push(note)
      else layers.push({ kind: 'notes', notes: [note] })
    } else if (shape.type !== 'group') {
      if (last?.kind === 'svg') {
        last.ids.push(id)
        last.bounds.union(pageBounds)
      } else layers.push({ kind: 'svg', ids: [id], bounds: pageBounds.clone() })
    }
  }
  if (!bounds || layers.filter((layer) => layer.kind === 'svg').length > MAX_SVG_LAYERS) return null
  return { bounds: bounds.expandBy(padding), layers }
}

/**
 * The page's shapes in the order they are painted (a parent before its children, siblings by
 * index) with the opacity each is drawn at, as tldraw orders an export; hidden shapes are left
 * out, their children not.
 */
function paintOrder(editor: Editor): { id: TLShapeId; opacity: number }[] {
  const order: { id: TLShapeId; opacity: number }[] = []
  const visit = (parentId: TLParentId, opacity: number) => {
    for (const id of editor.getSortedChildIdsForParent(parentId)) {
      const shape = editor.getShape(id)
      if (!shape) continue
      if (editor.isShapeHidden(shape)) {
        visit(id, opacity)
        continue
      }
      order.push({ id, opacity: opacity * shape.opacity })
      visit(id, opacity * shape.opacity)
    }
  }
  visit(editor.getCurrentPageId(), 1)
  return order
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export interface BoardPngOptions {
  pixelRatio: number
  maxPixels?: number
  onProgress?: Progress
  /** PNG unless asked otherwise (the PDF's picture is a JPEG: the server embeds it as it is). */
  type?: 'image/png' | 'image/jpeg'
  padding: number
}

/** The plan drawn as a picture of {@link pictureSize}; on a smaller canvas if the browser needs it. */
export async function boardPng(editor: Editor, plan: LayerPlan, options: BoardPngOptions): Promise<{ blob: Blob } & PictureSize> {
  try {
    return await drawLayers(editor, plan, options)
  } catch (error) {
    // A browser with a smaller canvas (Safari on a phone holds 16.7 Mpx) fails the first try.
    const fits = pictureSize(plan.bounds.w, plan.bounds.h, options.pixelRatio, SAFE_PIXELS)
    const asked = pictureSize(plan.bounds.w, plan.bounds.h, options.pixelRatio, options.maxPixels)
    if (fits.scale >= asked.scale) throw error
    return drawLayers(editor, plan, { ...options, maxPixels: SAFE_PIXELS })
  }
}

async function drawLayers(editor: Editor, plan: LayerPlan, options: BoardPngOptions): Promise<{ blob: Blob } & PictureSize> {
  const { bounds } = plan
  const size = pictureSize(bounds.w, bounds.h, options.pixelRatio, options.maxPixels)
  const container = editor.getContainer()
  const families = plan.layers.flatMap((layer) =>
    layer.kind === 'notes' ? layer.notes.flatMap(({ picture }) => [picture.text?.fontFamily, picture.attribution?.fontFamily]) : [],
  )
  await loadLabelFonts(
    container,
    families.filter((family): family is string => !!family),
  )
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const context = canvas.getContext('2d')
  if (!context) throw new Error(`no 2D canvas of ${size.width} × ${size.height} px`)
  try {
    const bandRows = Math.max(1, Math.floor(BAND_PIXELS / size.width))
    // Where a layer's box lands on the canvas, in whole rows.
    const rowsOf = (box: Box) => {
      const top = Math.max(0, Math.floor((box.y - bounds.y) * size.scale))
      const bottom = Math.min(size.height, Math.ceil((box.maxY - bounds.y) * size.scale))
      return { top, bottom }
    }
    // Steps: an SVG layer's making, its loading as an image and then its bands; a hundred notes;
    // the encoding.
    const stepsOf = (layer: Layer) => {
      if (layer.kind === 'notes') return Math.ceil(layer.notes.length / NOTES_PER_STEP)
      const { top, bottom } = rowsOf(layer.bounds.clone().expandBy(options.padding))
      return 2 + Math.max(1, Math.ceil((bottom - top) / bandRows))
    }
    const total = plan.layers.reduce((sum, layer) => sum + stepsOf(layer), 0) + 1
    let done = 0
    const step = async () => {
      // Chromium records drawing and rasterises it when pixels are read: reading one makes the
      // step's work happen now, so the bar shows work done, not work queued.
      context.getImageData(0, 0, 1, 1)
      options.onProgress?.(++done, total)
      await nextTask()
    }
    options.onProgress?.(0, total)
    // The bar shows before the first long step: React draws it when the page next gets a turn.
    await nextTask()

    const colors = editor.getCurrentTheme().colors[editor.getColorMode()]
    context.fillStyle = colors.background
    context.fillRect(0, 0, size.width, size.height)

    for (const layer of plan.layers) {
      if (layer.kind === 'svg') {
        // The layer's own extent (with room for strokes past the shapes' bounds), not the whole
        // picture's: a theme above the notes is a small image, not another board-sized one.
        const box = layer.bounds.clone().expandBy(options.padding)
        const svg = await editor.getSvgString(layer.ids, { bounds: box, padding: 0, background: false })
        if (!svg) throw new Error('a layer of shapes gave no picture')
        options.onProgress?.(++done, total)
        await nextTask()
        const image = new Image()
        // A data URL, not a blob URL: Chromium counts an SVG with HTML in it (a zone's
        // foreignObject) from a blob URL as foreign and would refuse to give the pixels back.
        image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.svg)}`
        await image.decode()
        await step()
        const { top, bottom } = rowsOf(box)
        const left = (box.x - bounds.x) * size.scale
        for (let row = top; row < bottom || row === top; row += bandRows) {
          const rows = Math.min(bandRows, bottom - row)
          if (rows > 0) {
            // The band's rows of the layer, in the layer's own units.
            const sy = row / size.scale + bounds.y - box.y
            context.drawImage(image, 0, sy, box.w, rows / size.scale, left, row, box.w * size.scale, rows)
          }
          await step()
        }
        continue
      }
      for (let first = 0; first < layer.notes.length; first += NOTES_PER_STEP) {
        for (const note of layer.notes.slice(first, first + NOTES_PER_STEP)) {
          const m = editor.getShapePageTransform(note.id)
          const s = size.scale
          context.setTransform(s * m.a, s * m.b, s * m.c, s * m.d, s * (m.e - bounds.x), s * (m.f - bounds.y))
          if (note.scale !== 1) context.scale(note.scale, note.scale)
          context.globalAlpha = note.opacity
          paintNote(context, container, note.picture)
        }
        context.setTransform(1, 0, 0, 1, 0, 0)
        context.globalAlpha = 1
        await step()
      }
    }
    const type = options.type ?? 'image/png'
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.9))
    if (!blob) throw new Error(`the ${size.width} × ${size.height} px canvas gave no picture`)
    options.onProgress?.(total, total)
    return { blob, ...size }
  } finally {
    // The backing store (up to 160 MB) goes now, not when the canvas is collected.
    canvas.width = canvas.height = 0
  }
}
