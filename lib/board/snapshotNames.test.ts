import { describe, expect, it } from 'vitest'
import { translator } from '../i18n/messages'
import { snapshotName } from './snapshotNames'

const sv = translator('sv')
const AT = Date.UTC(2026, 11, 3, 14, 5, 30)

describe('snapshot names', () => {
  it('label automatic and voting snapshots with their time, so two are never alike', () => {
    expect(snapshotName(sv, 'auto', AT)).toBe('Automatisk 2026-12-03 14:05 UTC')
    expect(snapshotName(sv, 'auto', AT + 10 * 60_000)).toBe('Automatisk 2026-12-03 14:15 UTC')
    expect(snapshotName(translator('en'), 'voting', AT)).toBe('After voting 2026-12-03 14:05 UTC')
  })

  it('name the state a restore replaces after what was restored, and never nest', () => {
    const first = snapshotName(sv, 'restore', AT, { name: 'Efter röstning', kind: 'manual' })
    expect(first).toBe('Före återställning till ”Efter röstning” 2026-12-03 14:05 UTC')
    const undo = snapshotName(sv, 'restore', AT + 60_000, { name: first, kind: 'restore' })
    expect(undo).toBe('Före ångrad återställning 2026-12-03 14:06 UTC')
    const again = snapshotName(sv, 'restore', AT + 120_000, { name: undo, kind: 'restore' })
    expect(again).not.toContain('”Före')
  })
})
