import { HTMLContainer, type Editor } from 'tldraw'
import { CONTINUOUS_IMPROVEMENT } from '@/lib/planning/planningModel'
import { LOOP_SHAPE_TYPE, loopShapeMigrations, loopShapeProps, type LoopShape } from '@/lib/board/shapes'
import { useBoardLocale } from '../useBoardLocale'
import { TemplateShapeUtil } from './TemplateShapeUtil'

/** "Ständiga förbättringar": the loop joining the external and internal perspectives. Locked. */
export class LoopShapeUtil extends TemplateShapeUtil<LoopShape> {
  static override type = LOOP_SHAPE_TYPE
  static override props = loopShapeProps
  static override migrations = loopShapeMigrations

  getDefaultProps(): LoopShape['props'] {
    return { w: 1000, h: 210 }
  }

  component(shape: LoopShape) {
    return <Loop shape={shape} editor={this.editor} />
  }

  protected cornerRadius(shape: LoopShape) {
    return shape.props.h / 2
  }
}

function Loop({ shape, editor }: { shape: LoopShape; editor: Editor }) {
  const { locale } = useBoardLocale(editor)
  return (
    <HTMLContainer className="loop" style={{ width: shape.props.w, height: shape.props.h }}>
      <svg className="loop__icon" viewBox="0 0 48 48" aria-hidden="true">
        <path d="M38 20a15 15 0 0 0-27-6" />
        <path d="M10 8v7h7" />
        <path d="M10 28a15 15 0 0 0 27 6" />
        <path d="M38 40v-7h-7" />
      </svg>
      <div className="loop__body">
        <div className="loop__title">{CONTINUOUS_IMPROVEMENT.title[locale]}</div>
        <div className="loop__summary">{CONTINUOUS_IMPROVEMENT.summary[locale]}</div>
      </div>
    </HTMLContainer>
  )
}
