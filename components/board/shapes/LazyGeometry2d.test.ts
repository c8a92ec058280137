import { Geometry2dFilters, Group2d, Mat, Rectangle2d, Vec } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { LazyGeometry2d } from './LazyGeometry2d'

const labelOptions = { isFilled: true, isClosed: true, isLabel: true, excludeFromShapeBounds: true }
const label = () => new Rectangle2d({ x: 20, y: 70, width: 160, height: 60, ...labelOptions })

/** A note's geometry as TaggedNoteShapeUtil makes it: its body, and a label made when asked. */
function note() {
  let made = 0
  const lazy = new LazyGeometry2d(() => {
    made++
    return label()
  }, labelOptions)
  const group = new Group2d({ children: [new Rectangle2d({ width: 200, height: 260, isFilled: true }), lazy] })
  return { group, lazy, made: () => made }
}

describe('a lazily made part of a geometry', () => {
  it('is not made for the bounds, vertices, area or length of its shape', () => {
    const { group, lazy, made } = note()
    expect(group.bounds).toMatchObject({ x: 0, y: 0, w: 200, h: 260 })
    expect(group.vertices).toHaveLength(4)
    expect(group.area).toBe(200 * 260)
    expect(group.length).toBe(2 * (200 + 260))
    expect(group.hitTestPoint(new Vec(100, 250), 0, true)).toBe(true)
    expect(made()).toBe(0)
    expect(lazy.isMade).toBe(false)
  })

  it('is made once, when a label is hit-tested, and answers as the geometry it stands for', () => {
    const { group, lazy, made } = note()
    expect(group.getVertices(Geometry2dFilters.INCLUDE_ALL)).toHaveLength(8)
    expect(made()).toBe(1)
    const real = label()
    const inside = new Vec(100, 100)
    const outside = new Vec(5, 5)
    expect(lazy.hitTestPoint(inside, 0, true)).toBe(real.hitTestPoint(inside, 0, true))
    expect(lazy.hitTestPoint(outside, 0, true)).toBe(false)
    expect(lazy.distanceToPoint(outside)).toBeCloseTo(real.distanceToPoint(outside))
    expect(lazy.nearestPoint(outside)).toEqual(real.nearestPoint(outside))
    expect(lazy.hitTestLineSegment(new Vec(0, 100), new Vec(200, 100))).toBe(true)
    expect(lazy.intersectLineSegment(new Vec(0, 100), new Vec(200, 100))).toEqual(
      real.intersectLineSegment(new Vec(0, 100), new Vec(200, 100)),
    )
    expect(lazy.getBounds()).toEqual(real.getBounds())
    expect(lazy.getSvgPathData(true)).toBe(real.getSvgPathData())
    const moved = Mat.Translate(10, 0)
    expect(lazy.transform(moved).getVertices(Geometry2dFilters.INCLUDE_ALL)).toEqual(
      real.transform(moved).getVertices(Geometry2dFilters.INCLUDE_ALL),
    )
    expect(made()).toBe(1)
  })

  it('hit-tests through its group with labels included, and is left out without them', () => {
    const { group, made } = note()
    const inLabel = new Vec(100, 100)
    expect(group.distanceToPoint(inLabel, true, Geometry2dFilters.EXCLUDE_LABELS)).toBeLessThan(0)
    expect(made()).toBe(0)
    expect(group.distanceToPoint(inLabel, true, Geometry2dFilters.INCLUDE_ALL)).toBeLessThan(0)
    expect(made()).toBe(1)
  })
})
