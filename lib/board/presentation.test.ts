import { describe, expect, it } from 'vitest'
import { NOTES_PER_PAGE, PRESENTATION_FRAMES, stepPresentation, type PresentationFrame } from './presentation'

const notes = (counts: Record<string, number>) => (frame: PresentationFrame) => counts[frame.key] ?? 0

describe('presentation frames', () => {
  it('walk the model: each step followed by its areas, then the loop, then the results', () => {
    expect(PRESENTATION_FRAMES.map((f) => f.key)).toEqual([
      'intro',
      'step-1',
      'area-uppdrag',
      'area-framtid',
      'step-2',
      'area-besokare',
      'area-relationer',
      'area-ekonomi',
      'step-3',
      'area-personal',
      'area-organisation',
      'area-motesplatser',
      'loop',
      'results',
    ])
  })

  it('page through a crowded area before moving on, and back onto its last page', () => {
    const count = notes({ 'area-ekonomi': NOTES_PER_PAGE * 2 + 1 })
    expect(stepPresentation({ frame: 'area-relationer', page: 0 }, 1, count)).toEqual({ frame: 'area-ekonomi', page: 0 })
    expect(stepPresentation({ frame: 'area-ekonomi', page: 0 }, 1, count)).toEqual({ frame: 'area-ekonomi', page: 1 })
    expect(stepPresentation({ frame: 'area-ekonomi', page: 2 }, 1, count)).toEqual({ frame: 'step-3', page: 0 })
    expect(stepPresentation({ frame: 'step-3', page: 0 }, -1, count)).toEqual({ frame: 'area-ekonomi', page: 2 })
  })

  it('stop at both ends', () => {
    expect(stepPresentation({ frame: 'intro', page: 0 }, -1, notes({}))).toBeNull()
    expect(stepPresentation({ frame: 'results', page: 0 }, 1, notes({}))).toBeNull()
  })
})
