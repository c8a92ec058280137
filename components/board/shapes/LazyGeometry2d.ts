import {
  Geometry2d,
  type Geometry2dFilters,
  type Geometry2dOptions,
  type MatModel,
  type TransformedGeometry2dOptions,
  type Vec,
  type VecLike,
} from 'tldraw'

/**
 * A part of a shape's geometry that is made only when something first asks about it.
 *
 * Why: tldraw's note geometry holds its label's rectangle, and sizing that rectangle lays the
 * note's text out in a hidden element. Every note's geometry is made when a board opens (its
 * bounds, for culling and the spatial index), but the label's rectangle is left out of the
 * bounds and asked about only when a point or a line is tested against the label — a pointer
 * over the note, a double click. Made lazily, a board of 1,000 notes lays out no text to open.
 *
 * The flags (`isLabel`, `excludeFromShapeBounds`, …) are given up front, as the parent group
 * and the bounds read them without asking for the geometry; they must be what `make` returns.
 */
export class LazyGeometry2d extends Geometry2d {
  private made: Geometry2d | undefined

  constructor(
    private readonly make: () => Geometry2d,
    opts: Geometry2dOptions,
  ) {
    super(opts)
  }

  /** The geometry itself, made on first use and kept (the shape's geometry is per record). */
  private get inner(): Geometry2d {
    return (this.made ??= this.make())
  }

  /** Whether the geometry has been made yet (for tests: an open must not make it). */
  get isMade(): boolean {
    return this.made !== undefined
  }

  getVertices(filters: Geometry2dFilters): Vec[] {
    return this.inner.getVertices(filters)
  }

  nearestPoint(point: VecLike, filters?: Geometry2dFilters): Vec {
    return this.inner.nearestPoint(point, filters)
  }

  override hitTestPoint(point: VecLike, margin?: number, hitInside?: boolean, filters?: Geometry2dFilters): boolean {
    return this.inner.hitTestPoint(point, margin, hitInside, filters)
  }

  override distanceToPoint(point: VecLike, hitInside?: boolean, filters?: Geometry2dFilters): number {
    return this.inner.distanceToPoint(point, hitInside, filters)
  }

  override distanceToLineSegment(A: VecLike, B: VecLike, filters?: Geometry2dFilters): number {
    return this.inner.distanceToLineSegment(A, B, filters)
  }

  override hitTestLineSegment(A: VecLike, B: VecLike, distance?: number, filters?: Geometry2dFilters): boolean {
    return this.inner.hitTestLineSegment(A, B, distance, filters)
  }

  override intersectLineSegment(A: VecLike, B: VecLike, filters?: Geometry2dFilters): VecLike[] {
    return this.inner.intersectLineSegment(A, B, filters)
  }

  override intersectCircle(center: VecLike, radius: number, filters?: Geometry2dFilters): VecLike[] {
    return this.inner.intersectCircle(center, radius, filters)
  }

  override intersectPolygon(polygon: VecLike[], filters?: Geometry2dFilters): VecLike[] {
    return this.inner.intersectPolygon(polygon, filters)
  }

  override intersectPolyline(polyline: VecLike[], filters?: Geometry2dFilters): VecLike[] {
    return this.inner.intersectPolyline(polyline, filters)
  }

  override interpolateAlongEdge(t: number, filters?: Geometry2dFilters): Vec {
    return this.inner.interpolateAlongEdge(t, filters)
  }

  override uninterpolateAlongEdge(point: VecLike, filters?: Geometry2dFilters): number {
    return this.inner.uninterpolateAlongEdge(point, filters)
  }

  override isPointInBounds(point: VecLike, margin?: number): boolean {
    return this.inner.isPointInBounds(point, margin)
  }

  override overlapsPolygon(polygon: VecLike[]): boolean {
    return this.inner.overlapsPolygon(polygon)
  }

  override ignoreHit(point: VecLike): boolean {
    return this.inner.ignoreHit(point)
  }

  override transform(transform: MatModel, opts?: TransformedGeometry2dOptions): Geometry2d {
    return this.inner.transform(transform, opts)
  }

  override getBoundsVertices(): Vec[] {
    // Read before anything is made: a part left out of the shape's bounds stays unmade.
    return this.excludeFromShapeBounds ? [] : this.inner.getBoundsVertices()
  }

  override getBounds() {
    return this.inner.getBounds()
  }

  override getArea(): number {
    return this.inner.getArea()
  }

  override getLength(filters?: Geometry2dFilters): number {
    return this.inner.getLength(filters)
  }

  getSvgPathData(first: boolean): string {
    return this.inner.getSvgPathData(first)
  }
}
