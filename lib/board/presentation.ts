/**
 * Presentation mode: the facilitator walks the room through the planning model one frame at a
 * time — each step, then each of its areas, then continuous improvement, then the results —
 * and everyone following sees the same frame. A frame with more notes than fit a projected
 * screen pages through them (`NOTES_PER_PAGE`) rather than shrinking them.
 *
 * Which frame is showing lives in the facilitation state (`SessionState.presentation`), as a
 * frame key and a page, so a late joiner or a reload lands on the same frame.
 */
import { STEPS, areasOfStep, type AreaId, type StepNumber } from '../planning/planningModel'

/** Notes on one page of an area frame: three rows of four, readable from the back of the room. */
export const NOTES_PER_PAGE = 12

export type FrameKey = 'intro' | `step-${StepNumber}` | `area-${AreaId}` | 'loop' | 'results'

export type PresentationFrame =
  | { key: 'intro'; kind: 'intro' }
  | { key: FrameKey; kind: 'step'; step: StepNumber }
  | { key: FrameKey; kind: 'area'; step: StepNumber; areaId: AreaId }
  | { key: 'loop'; kind: 'loop' }
  | { key: 'results'; kind: 'results' }

export interface PresentationState {
  id: string
  frame: FrameKey
  page: number
}

/** Every frame in walking order: the model's centre, each step and its areas, the loop, the results. */
export const PRESENTATION_FRAMES: readonly PresentationFrame[] = [
  { key: 'intro', kind: 'intro' },
  ...STEPS.flatMap((step): PresentationFrame[] => [
    { key: `step-${step.number}`, kind: 'step', step: step.number },
    ...areasOfStep(step.number).map((area): PresentationFrame => ({
      key: `area-${area.id}`,
      kind: 'area',
      step: step.number,
      areaId: area.id,
    })),
  ]),
  { key: 'loop', kind: 'loop' },
  { key: 'results', kind: 'results' },
]

export function isFrameKey(value: unknown): value is FrameKey {
  return PRESENTATION_FRAMES.some((frame) => frame.key === value)
}

export function frameIndex(key: FrameKey): number {
  return PRESENTATION_FRAMES.findIndex((frame) => frame.key === key)
}

/** Pages a frame needs for `noteCount` notes (at least one). */
export function pageCount(frame: PresentationFrame, noteCount: number): number {
  if (frame.kind !== 'area' && frame.kind !== 'results') return 1
  return Math.max(1, Math.ceil(noteCount / NOTES_PER_PAGE))
}

/**
 * The position after (`+1`) or before (`-1`) `at`: the next page of the frame while it has
 * one, else the neighbouring frame (going back lands on that frame's last page). Null at
 * either end.
 */
export function stepPresentation(
  at: { frame: FrameKey; page: number },
  direction: 1 | -1,
  notesIn: (frame: PresentationFrame) => number,
): { frame: FrameKey; page: number } | null {
  const index = frameIndex(at.frame)
  const frame = PRESENTATION_FRAMES[index]
  const pages = pageCount(frame, notesIn(frame))
  if (direction === 1 && at.page + 1 < pages) return { frame: at.frame, page: at.page + 1 }
  if (direction === -1 && at.page > 0) return { frame: at.frame, page: Math.min(at.page - 1, pages - 1) }
  const next = PRESENTATION_FRAMES[index + direction]
  if (!next) return null
  return { frame: next.key, page: direction === 1 ? 0 : pageCount(next, notesIn(next)) - 1 }
}
