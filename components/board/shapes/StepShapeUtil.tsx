import { HTMLContainer, useSvgExportContext, useValue, type Editor } from 'tldraw'
import { getStep } from '@/lib/planning/planningModel'
import { STEP_SHAPE_TYPE, stepShapeMigrations, stepShapeProps, type StepShape } from '@/lib/board/shapes'
import { MAP_LABEL_ZOOM } from '../MapLabels'
import { useBoardLocale } from '../useBoardLocale'
import { TemplateShapeUtil } from './TemplateShapeUtil'

/** One of the three planning steps at the centre of the mind map. Locked. */
export class StepShapeUtil extends TemplateShapeUtil<StepShape> {
  static override type = STEP_SHAPE_TYPE
  static override props = stepShapeProps
  static override migrations = stepShapeMigrations

  getDefaultProps(): StepShape['props'] {
    return { w: 620, h: 230, step: 1 }
  }

  component(shape: StepShape) {
    return <StepCard shape={shape} editor={this.editor} />
  }

  protected cornerRadius(_shape: StepShape) {
    return 24
  }
}

function StepCard({ shape, editor }: { shape: StepShape; editor: Editor }) {
  const { locale, t } = useBoardLocale(editor)
  const step = getStep(shape.props.step)
  // Semantic zoom: far out, MapLabels names the step at a readable size over the card, and the
  // card's own texts would show around and under it; in an exported picture they stay.
  const exporting = useSvgExportContext() !== null
  const far = useValue('far from the map', () => editor.getZoomLevel() < MAP_LABEL_ZOOM, [editor]) && !exporting
  return (
    <HTMLContainer
      className={`step step--${step.perspective}${far ? ' step--far' : ''}`}
      style={{ width: shape.props.w, height: shape.props.h }}
      data-step={step.number}
    >
      <div className="step__number" aria-hidden="true">
        {step.number}
      </div>
      <div className="step__body">
        <div className="step__eyebrow">
          {t('board.stepLabel', { number: step.number })} · {t(`board.perspective.${step.perspective}`)}
        </div>
        <div className="step__title">{step.title[locale]}</div>
        <div className="step__summary">{step.summary[locale]}</div>
      </div>
    </HTMLContainer>
  )
}
