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
