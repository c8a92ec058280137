import type { Editor } from 'tldraw'

/**
 * Screen pixels kept free around the board when it is fitted: tldraw's menu bar at the top
 * left and its toolbar along the bottom float over the canvas, and the map's bottom row of
 * zones must not hide behind them.
 */
export const FIT_INSETS = { top: 52, right: 16, bottom: 76, left: 16 } as const

/** "Visa hela tavlan": the whole board in view, clear of tldraw's floating bars. */
export function fitBoard(editor: Editor, options: { animate?: boolean } = {}): void {
  const bounds = editor.getCurrentPageBounds()
  if (!bounds) return
  const viewport = editor.getViewportScreenBounds()
  const w = viewport.w - FIT_INSETS.left - FIT_INSETS.right
  const h = viewport.h - FIT_INSETS.top - FIT_INSETS.bottom
  if (w <= 0 || h <= 0) return
  const { zoomSteps } = editor.getCameraOptions()
  const zoom = Math.max(zoomSteps[0], Math.min(1, w / bounds.w, h / bounds.h))
  // Screen = (page + camera) × zoom: put the board's centre in the middle of the free area.
  const centre = { x: FIT_INSETS.left + w / 2, y: FIT_INSETS.top + h / 2 }
  editor.setCamera(
    { x: centre.x / zoom - bounds.midX, y: centre.y / zoom - bounds.midY, z: zoom },
    { animation: options.animate ? { duration: 300 } : undefined },
  )
}
