import { AreaShapeUtil } from './shapes/AreaShapeUtil'
import { LoopShapeUtil } from './shapes/LoopShapeUtil'
import { StepShapeUtil } from './shapes/StepShapeUtil'
import { TaggedNoteShapeUtil } from './shapes/TaggedNoteShapeUtil'

/** Our shape utils; TaggedNoteShapeUtil replaces tldraw's note util (same type). */
export const customShapeUtils = [AreaShapeUtil, StepShapeUtil, LoopShapeUtil, TaggedNoteShapeUtil]
