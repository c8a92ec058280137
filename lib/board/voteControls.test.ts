import { describe, expect, it } from 'vitest'
import { THEME_HEADER_PADDING, VOTE_TARGET_PX, voteControls } from './voteControls'
import { buildThemeRecord } from './planRecords'

describe('voteControls', () => {
  it('keeps the buttons at their own size when zoomed in', () => {
    expect(voteControls(1)).toEqual({ scale: 1, buttons: 'both', buttonPx: 26 })
    expect(voteControls(2).buttonPx).toBe(52)
  })

  it('never draws a button smaller than the target, only fewer of them', () => {
    for (const zoom of [0.9, 0.6, 0.5, 0.3, 0.23, 0.15, 0.13]) {
      const controls = voteControls(zoom)
      expect(controls.buttons, `zoom ${zoom}`).not.toBe('none')
      expect(controls.buttonPx).toBeCloseTo(VOTE_TARGET_PX)
    }
    expect(voteControls(0.5).buttons).toBe('both')
    // The demo board at Visa hela tavlan (23 %): a note 46 px wide holds one button.
    expect(voteControls(0.23).buttons).toBe('vote')
    // A 300-note board at Visa hela tavlan (11 %): a note of 22 px holds none.
    expect(voteControls(0.11).buttons).toBe('none')
    expect(voteControls(0).buttons).toBe('none')
  })

  it('gives a theme’s buttons the same least size, with the room of its header', () => {
    // A theme of one note (232 canvas units wide), its header padded 14 on each side.
    const room = buildThemeRecord({ x: 0, y: 0, title: 'Språkcaféer' }).props.w - 2 * THEME_HEADER_PADDING
    for (const zoom of [1, 0.6, 0.3, 0.13]) {
      const controls = voteControls(zoom, room)
      expect(controls.buttons, `zoom ${zoom}`).not.toBe('none')
      expect(controls.buttonPx).toBeGreaterThanOrEqual(VOTE_TARGET_PX - 1e-9)
    }
    expect(voteControls(0.3, room).buttons).toBe('both')
    expect(voteControls(0.13, room).buttons).toBe('vote')
    expect(voteControls(0.11, room).buttons).toBe('none')
  })
})
