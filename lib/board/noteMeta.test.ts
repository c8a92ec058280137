import { describe, expect, it } from 'vitest'
import { noteMeta, readNoteMeta } from './noteMeta'

describe('readNoteMeta', () => {
  it('reads back what noteMeta wrote', () => {
    const meta = {
      areaId: 'ekonomi',
      createdAt: 1_700_000_000_000,
      createdBy: { id: 'u1', name: 'Anna' },
      updatedAt: 1_700_000_060_000,
      starter: true,
    } as const
    expect(readNoteMeta(noteMeta(meta))).toEqual(meta)
  })

  it.each([undefined, null, 42, 'besokare', true, [], ['besokare']].map((junk) => ({ junk })))(
    'reads $junk as a note with no area',
    ({ junk }) => {
      expect(readNoteMeta(junk)).toEqual({
        areaId: null,
        createdAt: undefined,
        createdBy: undefined,
        updatedAt: undefined,
        starter: undefined,
      })
    },
  )

  it('drops an area id the planning model does not know', () => {
    expect(readNoteMeta({ areaId: 'kaffe' }).areaId).toBeNull()
    expect(readNoteMeta({ areaId: 3 }).areaId).toBeNull()
    expect(readNoteMeta({ areaId: { id: 'besokare' } }).areaId).toBeNull()
    expect(readNoteMeta({ areaId: '__proto__' }).areaId).toBeNull()
  })

  it('drops a creator without a string id and name', () => {
    expect(readNoteMeta({ createdBy: 'Anna' }).createdBy).toBeUndefined()
    expect(readNoteMeta({ createdBy: null }).createdBy).toBeUndefined()
    expect(readNoteMeta({ createdBy: { id: 'u1' } }).createdBy).toBeUndefined()
    expect(readNoteMeta({ createdBy: { id: 7, name: 'Anna' } }).createdBy).toBeUndefined()
  })

  it('keeps only the creator’s id and name', () => {
    expect(readNoteMeta({ createdBy: { id: 'u1', name: 'Anna', password: 'x' } }).createdBy).toEqual({ id: 'u1', name: 'Anna' })
  })

  it('drops a creation time that is not a finite number', () => {
    expect(readNoteMeta({ createdAt: '2024-01-15' }).createdAt).toBeUndefined()
    expect(readNoteMeta({ createdAt: Number.NaN }).createdAt).toBeUndefined()
    expect(readNoteMeta({ createdAt: Number.POSITIVE_INFINITY }).createdAt).toBeUndefined()
  })

  it('drops a text-edit time that is not a finite number', () => {
    expect(readNoteMeta({ updatedAt: '2024-01-15' }).updatedAt).toBeUndefined()
    expect(readNoteMeta({ updatedAt: Number.NaN }).updatedAt).toBeUndefined()
    expect(readNoteMeta({ updatedAt: 1_700_000_000_000 }).updatedAt).toBe(1_700_000_000_000)
  })

  it('counts only a literal true as a starter note', () => {
    expect(readNoteMeta({ starter: 'true' }).starter).toBeUndefined()
    expect(readNoteMeta({ starter: 1 }).starter).toBeUndefined()
    expect(readNoteMeta({ starter: true }).starter).toBe(true)
  })
})

describe('noteMeta', () => {
  it('always records the area, even when it is none', () => {
    expect(noteMeta({ areaId: null })).toEqual({ areaId: null })
  })

  it('leaves out what is not known', () => {
    expect(Object.keys(noteMeta({ areaId: 'framtid', starter: false }))).toEqual(['areaId'])
  })
})
