/**
 * Record schemas of the template's own shapes: the eight area zones, the three step cards
 * and the continuous-improvement loop. Behaviour (rendering, hit-testing) lives with the
 * shape utils in components/board/shapes; this file is the contract both sides validate.
 *
 * Texts are not stored in the shapes: a shape names its area or step and every client renders
 * the planning model's text in its own language.
 */
import { createShapePropsMigrationSequence, type RecordProps, type TLShape } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { AREA_IDS, type AreaId, type StepNumber } from '../planning/planningModel'

export const AREA_SHAPE_TYPE = 'area'
export const STEP_SHAPE_TYPE = 'step'
export const LOOP_SHAPE_TYPE = 'loop'
/** The *Utanför områdena* tray under the loop, where tidying gathers notes of no area. */
export const TRAY_SHAPE_TYPE = 'tray'

export interface AreaShapeProps {
  w: number
  h: number
  areaId: AreaId
}

export interface StepShapeProps {
  w: number
  h: number
  step: StepNumber
}

export interface LoopShapeProps {
  w: number
  h: number
}

export interface TrayShapeProps {
  w: number
  h: number
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [AREA_SHAPE_TYPE]: AreaShapeProps
    [STEP_SHAPE_TYPE]: StepShapeProps
    [LOOP_SHAPE_TYPE]: LoopShapeProps
    [TRAY_SHAPE_TYPE]: TrayShapeProps
  }
}

export type AreaShape = TLShape<typeof AREA_SHAPE_TYPE>
export type StepShape = TLShape<typeof STEP_SHAPE_TYPE>
export type LoopShape = TLShape<typeof LOOP_SHAPE_TYPE>
export type TrayShape = TLShape<typeof TRAY_SHAPE_TYPE>

export const areaShapeProps: RecordProps<AreaShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  areaId: T.literalEnum(...AREA_IDS),
}

export const stepShapeProps: RecordProps<StepShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
  step: T.literalEnum(1, 2, 3),
}

export const loopShapeProps: RecordProps<LoopShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
}

export const trayShapeProps: RecordProps<TrayShape> = {
  w: T.nonZeroNumber,
  h: T.nonZeroNumber,
}

// No prop migrations yet. The first change of props adds named versions with
// createShapePropsMigrationIds(AREA_SHAPE_TYPE, { AddSomething: 1 }) and a step here, the way
// tldraw versions its own shapes; old boards then migrate when a client loads them.

export const areaShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })
export const stepShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })
export const loopShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })
export const trayShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })
