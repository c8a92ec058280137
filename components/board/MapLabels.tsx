'use client'

import { useEditor, useValue } from 'tldraw'
import { AREA_SHAPE_TYPE, STEP_SHAPE_TYPE, type AreaShape, type StepShape } from '@/lib/board/shapes'
import { noteCountsByArea } from '@/lib/board/noteCounts'
import { isNoteShape } from '@/lib/board/areaOfPoint'
import { readNoteMeta } from '@/lib/board/noteMeta'
import { hasText } from '@/lib/board/richText'
import { inVotingScope } from '@/lib/board/votes'
import { voteControls } from '@/lib/board/voteControls'
import type { AreaId } from '@/lib/planning/planningModel'
import { useBoardSessionContext } from './BoardSessionContext'
import { ZONE_HEADER } from '@/lib/board/templateLayout'
import { getArea, getStep } from '@/lib/planning/planningModel'
import { useBoardLocale } from './useBoardLocale'

/** Below this zoom the zones' own texts are too small to read, and these labels take over. */
export const MAP_LABEL_ZOOM = 0.4
/** Screen px: a label may reach a little past a very narrow zone, but not far into the next. */
const MIN_LABEL_WIDTH = 64
const STEP_LABEL_MIN_WIDTH = 110
/** Canvas units from a zone's top to its title: the label sits there, under the add button's row. */
const TITLE_TOP = 66

/**
 * Semantic zoom: when the whole board is in view, each zone and step card gets a label in
 * screen space — its title and note count at a fixed, readable size (and the guiding question
 * when the zone is wide enough) — so "Visa hela tavlan" stays a readable overview however
 * far out the camera is. Drawn in front of the canvas; it takes no pointer events.
 */
export function MapLabels() {
  const editor = useEditor()
  const { locale, t } = useBoardLocale(editor)
  const board = useBoardSessionContext()
  const round = board?.session.voting
  const tally = board?.tally
  // The notes' own vote counts are hidden where they are too small to read (TaggedNoteShapeUtil):
  // each area's label gives its tally then, whenever the notes would show theirs.
  const tallyShown = !!round && (round.active ? !round.hideTally : round.resultsShown)
  const votesByArea = useValue(
    'votes by area',
    () => {
      if (!round || !tally || !tallyShown || editor.getZoomLevel() >= MAP_LABEL_ZOOM) return null
      const votes = new Map<string, number>()
      for (const shape of editor.getCurrentPageShapes()) {
        if (!isNoteShape(shape) || !hasText(shape.props.richText)) continue
        const areaId = readNoteMeta(shape.meta).areaId
        if (!areaId || !inVotingScope(round, areaId as AreaId)) continue
        votes.set(areaId, (votes.get(areaId) ?? 0) + (tally.get(shape.id) ?? 0))
      }
      return votes
    },
    [editor, round, tally, tallyShown],
  )
  const noButtons = useValue('vote buttons left off', () => voteControls(editor.getEfficientZoomLevel()).buttons === 'none', [editor])
  const canVote = !!round?.active && board?.role !== 'observer'
  const labels = useValue(
    'map labels',
    () => {
      if (editor.getZoomLevel() >= MAP_LABEL_ZOOM) return null
      const shapes = editor.getCurrentPageShapes()
      // Only notes with text, as on the zones and in the report.
      const counts = noteCountsByArea(shapes)
      const zoom = editor.getZoomLevel()
      return shapes
        .filter((s) => s.type === AREA_SHAPE_TYPE || s.type === STEP_SHAPE_TYPE)
        .map((s) => {
          const at = editor.pageToViewport({ x: s.x, y: s.y })
          const shape = s as AreaShape | StepShape
          return {
            shape,
            x: at.x,
            y: at.y,
            w: shape.props.w * zoom,
            h: shape.props.h * zoom,
            count: 'areaId' in shape.props ? (counts.get(shape.props.areaId) ?? 0) : 0,
          }
        })
    },
    [editor],
  )
  if (!labels) return null
  return (
    <div className="map-labels" aria-hidden="true">
      {canVote && noButtons && (
        <div className="map-labels__hint" data-testid="zoom-to-vote">
          {t('voting.zoomToVote')}
        </div>
      )}
      {labels.map(({ shape, x, y, w, h, count }) => {
        if (shape.type === AREA_SHAPE_TYPE) {
          const area = getArea((shape as AreaShape).props.areaId)
          const tone = getStep(area.step).perspective
          return (
            <div
              key={shape.id}
              className={`map-label map-label--${tone}`}
              style={{ left: x, top: y + TITLE_TOP * (h / shape.props.h), maxWidth: Math.max(w, MIN_LABEL_WIDTH) }}
              data-map-label={area.id}
            >
              <span className="map-label__title">{area.title[locale]}</span>{' '}
              <span className="map-label__count">{t('board.noteCount', { count })}</span>
              {votesByArea?.has(area.id) && (
                <span className="map-label__votes">● {t('voting.votes', { count: votesByArea.get(area.id)! })}</span>
              )}
              {/* The question only where the zone's header has room for it, above its notes. */}
              {h * (ZONE_HEADER / shape.props.h) >= 64 && <span className="map-label__question">{area.question[locale]}</span>}
            </div>
          )
        }
        const step = getStep((shape as StepShape).props.step)
        // A step card too narrow for its title is left to its colour.
        if (w < STEP_LABEL_MIN_WIDTH) return null
        return (
          <div
            key={shape.id}
            className={`map-label map-label--step map-label--${step.perspective}`}
            style={{ left: x, top: y + h / 2, width: w, transform: 'translateY(-50%)' }}
            data-map-label={`step-${step.number}`}
          >
            <span className="map-label__title">
              {step.number}. {step.title[locale]}
            </span>
          </div>
        )
      })}
    </div>
  )
}
