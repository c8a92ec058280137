import { describe, expect, it } from 'vitest'
import { translator } from '../i18n/messages'
import { currentSnapshotName, snapshotName } from './snapshotNames'

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

describe('names older servers gave', () => {
  const old = (name: string, kind: 'auto' | 'voting' | 'restore' | 'manual') => currentSnapshotName({ name, kind, createdAt: AT })

  it('label old automatic and voting snapshots with what triggered them and their time', () => {
    expect(old('Automatisk', 'auto')).toBe('Automatisk 2026-12-03 14:05 UTC')
    expect(old('Efter röstning', 'voting')).toBe('Efter röstning 2026-12-03 14:05 UTC')
    expect(old('Automatic', 'auto')).toBe('Automatic 2026-12-03 14:05 UTC')
    expect(old('After voting', 'voting')).toBe('After voting 2026-12-03 14:05 UTC')
    // The first server's names carried a local date in another form.
    expect(old('Automatisk 2026-12-03 15:05', 'auto')).toBe('Automatisk 2026-12-03 14:05 UTC')
    // Two old automatic snapshots no longer look alike.
    expect(currentSnapshotName({ name: 'Automatisk', kind: 'auto', createdAt: AT + 10 * 60_000 })).not.toBe(old('Automatisk', 'auto'))
  })

  it('unnest old restore names', () => {
    expect(old('Före återställning till ”Efter röstning”', 'restore')).toBe('Före återställning till ”Efter röstning” 2026-12-03 14:05 UTC')
    expect(old('Före återställning till ”Före återställning till ”Före återställning till ”Efter röstning”””', 'restore')).toBe(
      'Före ångrad återställning 2026-12-03 14:05 UTC',
    )
    expect(old('Before restoring “Before restoring “After voting””', 'restore')).toBe('Before undoing a restore 2026-12-03 14:05 UTC')
    expect(old('Before restoring “Workshop 1”', 'restore')).toBe('Before restoring “Workshop 1” 2026-12-03 14:05 UTC')
    // Cut short at 200 characters by the old server, the closing quote gone.
    expect(old(`Före återställning till ”Före återställning till ”${'x'.repeat(200)}`.slice(0, 200), 'restore')).toBe(
      'Före ångrad återställning 2026-12-03 14:05 UTC',
    )
    expect(old('Före återställning 2026-12-03 15:05', 'restore')).toBe('Före återställning 2026-12-03 14:05 UTC')
  })

  it('keep the names people gave and names already in the current form', () => {
    expect(old('Automatisk', 'manual')).toBe('Automatisk')
    expect(old('Före återställning till ”Efter röstning”', 'manual')).toBe('Före återställning till ”Efter röstning”')
    const current = snapshotName(sv, 'restore', AT - 3 * 60_000, { name: 'Efter röstning', kind: 'manual' })
    expect(old(current, 'restore')).toBe(current)
    expect(old('Automatisk 2026-12-02 09:00 UTC', 'auto')).toBe('Automatisk 2026-12-02 09:00 UTC')
  })
})
