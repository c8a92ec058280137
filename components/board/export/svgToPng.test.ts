import { describe, expect, it } from 'vitest'
import { MAX_PICTURE_PIXELS, pictureSize } from './svgToPng'

describe('the size of an exported PNG', () => {
  it('is the asked pixel ratio for a board that fits', () => {
    expect(pictureSize(3000, 2000, 2)).toEqual({ scale: 2, width: 6000, height: 4000 })
    expect(pictureSize(1000.5, 400.25, 1)).toEqual({ scale: 1, width: 1000, height: 400 })
  })

  it('is drawn smaller for a board whose full-size picture would pass the pixel budget', () => {
    // The 1,000-note board of bench/export.ts: 14008 × 7738 units, 108 Mpx at one pixel each.
    const size = pictureSize(14008, 7738, 1)
    expect(size.scale).toBeLessThan(1)
    expect(size.width * size.height).toBeLessThanOrEqual(MAX_PICTURE_PIXELS)
    expect(size.width * size.height).toBeGreaterThan(MAX_PICTURE_PIXELS * 0.99)
    expect(size.width / size.height).toBeCloseTo(14008 / 7738, 3)
  })

  it('keeps a long strip within the longest side a canvas has everywhere', () => {
    const size = pictureSize(2808, 28253, 2)
    expect(size.height).toBeLessThanOrEqual(16_384)
    expect(size.width).toBe(Math.floor(2808 * size.scale))
  })
})
