import { Rectangle2d, ShapeUtil } from 'tldraw'
import type { AreaShape, LoopShape, StepShape, TrayShape } from '@/lib/board/shapes'

type TemplateShape = AreaShape | StepShape | LoopShape | TrayShape

/**
 * What the template's shapes (zones, step cards, the loop) share: a filled rectangle of
 * `w` × `h` with rounded corners that arrows bind to, never resized or rotated by hand.
 */
export abstract class TemplateShapeUtil<S extends TemplateShape> extends ShapeUtil<S> {
  /** Corner radius of the outline tldraw draws around a hovered shape. */
  protected abstract cornerRadius(shape: S): number

  getGeometry(shape: S) {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true })
  }

  override canResize() {
    return false
  }
  override hideRotateHandle() {
    return true
  }
  override canBind() {
    return true
  }

  getIndicatorPath(shape: S) {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, this.cornerRadius(shape))
    return path
  }
}
