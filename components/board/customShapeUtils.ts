import { defaultShapeUtils } from 'tldraw'
import { AreaShapeUtil } from './shapes/AreaShapeUtil'
import { CommitmentShapeUtil } from './shapes/CommitmentShapeUtil'
import { LoopShapeUtil } from './shapes/LoopShapeUtil'
import { StepShapeUtil } from './shapes/StepShapeUtil'
import { TaggedNoteShapeUtil } from './shapes/TaggedNoteShapeUtil'
import { ThemeShapeUtil } from './shapes/ThemeShapeUtil'
import { TrayShapeUtil } from './shapes/TrayShapeUtil'

/** Our shape utils; TaggedNoteShapeUtil replaces tldraw's note util (same type). */
export const customShapeUtils = [
  AreaShapeUtil,
  StepShapeUtil,
  LoopShapeUtil,
  TrayShapeUtil,
  TaggedNoteShapeUtil,
  ThemeShapeUtil,
  CommitmentShapeUtil,
]

/**
 * Every shape util of a board's store: tldraw's defaults with its note util swapped for ours.
 * The client's store, the export and the tests build from this one list, so a test of the
 * schema fails when the canvas drifts from what the server builds boards with.
 */
export const boardShapeUtils = [...defaultShapeUtils.filter((util) => util.type !== 'note'), ...customShapeUtils]
