import { HTMLContainer, stopEventPropagation, useSvgExportContext, useValue, type Editor } from 'tldraw'
import { getArea, getStep } from '@/lib/planning/planningModel'
import { noteCountsByArea } from '@/lib/board/noteCounts'
import { AREA_SHAPE_TYPE, areaShapeMigrations, areaShapeProps, type AreaShape } from '@/lib/board/shapes'
import { useBoardLocale } from '../useBoardLocale'
import { TemplateShapeUtil } from './TemplateShapeUtil'
import { addIdea } from '../addIdea'
import { MAP_LABEL_ZOOM } from '../MapLabels'
import { useBoardSessionContext } from '../BoardSessionContext'

/** An area's zone: title, guiding question, note count and an "add idea" button. Locked. */
export class AreaShapeUtil extends TemplateShapeUtil<AreaShape> {
  static override type = AREA_SHAPE_TYPE
  static override props = areaShapeProps
  static override migrations = areaShapeMigrations

  getDefaultProps(): AreaShape['props'] {
    return { w: 712, h: 446, areaId: 'uppdrag' }
  }

  component(shape: AreaShape) {
    return <AreaZone shape={shape} editor={this.editor} />
  }

  protected cornerRadius(_shape: AreaShape) {
    return 28
  }
}

function AreaZone({ shape, editor }: { shape: AreaShape; editor: Editor }) {
  const { locale, t } = useBoardLocale(editor)
  const area = getArea(shape.props.areaId)
  const step = getStep(area.step)
  const noteCount = useValue('notes in area', () => noteCountsByArea(editor.getCurrentPageShapes()).get(shape.props.areaId) ?? 0, [
    editor,
    shape.props.areaId,
  ])
  // In an exported picture the zone shows its texts only, no controls.
  const exporting = useSvgExportContext() !== null
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  const board = useBoardSessionContext()
  const locked = board?.session.lockedAreas.includes(shape.props.areaId) ?? false
  const canAdd = !readonly && board?.role !== 'observer' && (!locked || board?.role === 'facilitator')
  const title = area.title[locale]
  // Semantic zoom: far out, the zone's texts give way to MapLabels, drawn at a readable size.
  const far = useValue('far from the map', () => editor.getZoomLevel() < MAP_LABEL_ZOOM, [editor]) && !exporting
  return (
    <HTMLContainer
      className={`area area--${step.perspective}${far ? ' area--far' : ''}`}
      style={{ width: shape.props.w, height: shape.props.h }}
      data-area={shape.props.areaId}
    >
      <div className="area__top">
        <div className="area__eyebrow">
          {t('board.stepLabel', { number: step.number })} · {t(`board.perspective.${step.perspective}`)}
        </div>
        {!exporting && (
          <div className="area__tools">
            <span className="area__count">{noteCount === 1 ? t('board.noteCountOne') : t('board.noteCount', { count: noteCount })}</span>
            {locked && (
              <span className="area__locked" title={t('lock.notice')}>
                🔒 {t('lock.locked')}
              </span>
            )}
            {canAdd && (
              <button
                type="button"
                className="area__add"
                aria-label={t('board.addIdeaTo', { area: title })}
                title={t('board.addIdeaTo', { area: title })}
                onPointerDown={stopEventPropagation}
                onPointerUp={stopEventPropagation}
                onClick={(event) => {
                  event.stopPropagation()
                  addIdea(editor, shape.props.areaId)
                }}
              >
                <span aria-hidden="true">+</span> {t('board.addIdea')}
              </button>
            )}
          </div>
        )}
      </div>
      <div className="area__title">{title}</div>
      <div className="area__question">{area.question[locale]}</div>
    </HTMLContainer>
  )
}
