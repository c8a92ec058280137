import { HTMLContainer, Rectangle2d, ShapeUtil, type Editor } from 'tldraw'
import { COMMITMENT_SHAPE_TYPE, commitmentShapeMigrations, commitmentShapeProps, type CommitmentShape } from '@/lib/board/planShapes'
import { COMMITMENT_H, COMMITMENT_W } from '@/lib/board/planRecords'
import { useBoardLocale } from '../useBoardLocale'
import '../plan.css'

/**
 * A commitment (åtagande): a card unlike a sticky note — white with a dark edge — naming what
 * will be done, who owns it, by when, and how success is known. Facilitators edit it from the
 * Plan panel; the server refuses anyone else's changes.
 */
export class CommitmentShapeUtil extends ShapeUtil<CommitmentShape> {
  static override type = COMMITMENT_SHAPE_TYPE
  static override props = commitmentShapeProps
  static override migrations = commitmentShapeMigrations

  getDefaultProps(): CommitmentShape['props'] {
    return {
      w: COMMITMENT_W,
      h: COMMITMENT_H,
      text: '',
      owner: '',
      ownerId: '',
      due: '',
      indicator: '',
      sources: [],
      status: '',
      statusComment: '',
      carried: false,
    }
  }

  getGeometry(shape: CommitmentShape) {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true })
  }

  override canResize() {
    return false
  }
  override hideRotateHandle() {
    return true
  }
  override getText(shape: CommitmentShape) {
    return shape.props.text
  }

  component(shape: CommitmentShape) {
    return <CommitmentCard shape={shape} editor={this.editor} />
  }

  getIndicatorPath(shape: CommitmentShape) {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, 10)
    return path
  }
}

function CommitmentCard({ shape, editor }: { shape: CommitmentShape; editor: Editor }) {
  const { t } = useBoardLocale(editor)
  const p = shape.props
  const votes = p.sources.reduce((sum, source) => sum + source.votes, 0)
  return (
    <HTMLContainer
      className={`commitment${p.carried ? ' commitment--carried' : ''}`}
      style={{ width: p.w, height: p.h }}
      data-commitment={shape.id}
    >
      <div className="commitment__top">
        <span className="commitment__label">{p.carried ? t('commitment.carried') : t('commitment.label')}</span>
        {p.carried && (
          <span className={`commitment__status commitment__status--${p.status || 'none'}`}>{t(`commitment.status.${p.status}`)}</span>
        )}
      </div>
      <div className="commitment__text">{p.text}</div>
      <dl className="commitment__facts">
        <dt>{t('commitment.owner')}</dt>
        <dd>{p.owner || t('commitment.noOwner')}</dd>
        <dt>{t('plan.due')}</dt>
        <dd>{p.due || t('commitment.noDue')}</dd>
        {p.indicator && (
          <>
            <dt>{t('plan.indicator')}</dt>
            <dd>{p.indicator}</dd>
          </>
        )}
      </dl>
      {p.sources.length > 0 && (
        <div className="commitment__sources">
          {p.sources.length === 1 ? t('commitment.sourcesOne') : t('commitment.sources', { count: p.sources.length })}
          {votes > 0 && ` · ${t('commitment.votes', { count: votes })}`}
        </div>
      )}
    </HTMLContainer>
  )
}
