import type { Page } from 'playwright-core'

/**
 * Resolves once tldraw's camera has come to rest: the canvas's transform has stayed the same
 * over `frames` animation frames in a row (a glide changes it every frame). For waiting after
 * *Visa hela tavlan*, a zoom shortcut or a wheel, instead of a pause long enough for the glide.
 */
export async function cameraAtRest(page: Page, frames = 5): Promise<void> {
  await page.waitForFunction(
    (frames) =>
      new Promise<boolean>((resolve) => {
        const layer = document.querySelector('.tl-html-layer')
        if (!layer) return resolve(false)
        let last = getComputedStyle(layer).transform
        let still = 0
        const tick = () => {
          const now = getComputedStyle(layer).transform
          still = now === last ? still + 1 : 0
          last = now
          if (still >= frames) resolve(true)
          else requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      }),
    frames,
  )
}
