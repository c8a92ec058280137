import { react } from '@tldraw/state'
import type { Editor } from 'tldraw'

/**
 * Below this zoom a note's text is under 4.5 px on screen (tldraw draws note text at 22 px and
 * smaller): a texture, not words. A whole 300–1,000-note map at "Visa hela tavlan" sits at
 * 10–20 %. There the map labels carry what can be read (each area's count and votes).
 */
export const NOTE_TEXT_MIN_ZOOM = 0.2

/**
 * Marks the editor's container `data-notes-far` while the camera is too far out to read a
 * note's text; globals.css then leaves the text unpainted and draws a few grey lines in its
 * place, as a map does. One attribute on the container, not a render of every note: the
 * browser skips laying out and painting the glyphs of a thousand notes at every frame of a pan
 * or zoom (bench/canvas.ts). The efficient zoom changes only once the camera stops on a big
 * board, so crossing the line mid-gesture does not flicker. The text stays in the document
 * for the outline view, search and exports; a note being written is always drawn.
 */
export function registerFarNotes(editor: Editor): () => void {
  const container = editor.getContainer()
  const stop = react('notes far', () => {
    container.toggleAttribute('data-notes-far', editor.getEfficientZoomLevel() < NOTE_TEXT_MIN_ZOOM)
  })
  return () => {
    stop()
    container.removeAttribute('data-notes-far')
  }
}
