import {
  BaseFrameLikeShapeUtil,
  Group2d,
  HTMLContainer,
  Rectangle2d,
  stopEventPropagation,
  useSvgExportContext,
  useValue,
  type Editor,
  type TLShape,
} from 'tldraw'
import { readNoteMeta } from '@/lib/board/noteMeta'
import { THEME_SHAPE_TYPE, themeShapeMigrations, themeShapeProps, TITLE_MAX, type ThemeShape } from '@/lib/board/planShapes'
import { THEME_HEADER } from '@/lib/board/planRecords'
import { inVotingScope } from '@/lib/board/votes'
import type { VotingRound } from '@/lib/board/session'
import { useBoardSessionContext, type BoardSessionValue } from '../BoardSessionContext'
import { useBoardLocale } from '../useBoardLocale'
import { THEME_HEADER_PADDING } from '@/lib/board/voteControls'
import { useVoteControls, VoteButtons } from './VoteButtons'
import '../plan.css'

/**
 * A theme: a named group of notes inside an area's zone. Its notes are its children, so it
 * moves as one; dragging a note in or out of it regroups. Its size follows its notes (see
 * themeKeeping.ts), so it cannot be resized by hand. Double-click the title to rename it.
 */
export class ThemeShapeUtil extends BaseFrameLikeShapeUtil<ThemeShape> {
  static override type = THEME_SHAPE_TYPE
  static override props = themeShapeProps
  static override migrations = themeShapeMigrations

  getDefaultProps(): ThemeShape['props'] {
    return { w: 232, h: 268, title: '' }
  }

  // Frame-like shapes are hit on their edge and on their label: here the title bar is the
  // label, so clicking the title selects the theme and clicking a note selects the note.
  override getGeometry(shape: ThemeShape) {
    return new Group2d({
      children: [
        new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: false }),
        new Rectangle2d({ width: shape.props.w, height: THEME_HEADER, isFilled: true, isLabel: true }),
      ],
    })
  }

  override canResize() {
    return false
  }
  override hideRotateHandle() {
    return true
  }
  override canEdit() {
    return true
  }
  override canReceiveNewChildrenOfType(shape: ThemeShape, type: TLShape['type']) {
    return type === 'note' && !shape.isLocked
  }
  override canRemoveChildrenOfType(shape: ThemeShape) {
    return !shape.isLocked
  }
  // A theme is a card, not a window: its notes always fit inside it.
  override getClipPath() {
    return undefined
  }

  override getText(shape: ThemeShape) {
    return shape.props.title
  }

  component(shape: ThemeShape) {
    return <ThemeCard shape={shape} editor={this.editor} />
  }

  getIndicatorPath(shape: ThemeShape) {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, 18)
    return path
  }
}

function ThemeCard({ shape, editor }: { shape: ThemeShape; editor: Editor }) {
  const { t } = useBoardLocale(editor)
  const editing = useValue('editing theme', () => editor.getEditingShapeId() === shape.id, [editor, shape.id])
  const noteCount = useValue('theme notes', () => editor.getSortedChildIdsForParent(shape.id).length, [editor, shape.id])
  const title = shape.props.title || t('theme.untitled')
  return (
    <HTMLContainer className="theme" style={{ width: shape.props.w, height: shape.props.h }} data-theme={shape.id}>
      <div className="theme__header" style={{ height: THEME_HEADER }}>
        <span className="theme__label">{t('theme.label')}</span>
        {editing ? (
          <input
            className="theme__title-input"
            aria-label={t('theme.titleField')}
            defaultValue={shape.props.title}
            maxLength={TITLE_MAX}
            autoFocus
            onPointerDown={stopEventPropagation}
            onKeyDown={(event) => {
              event.stopPropagation()
              if (event.key === 'Enter' || event.key === 'Escape') editor.setEditingShape(null)
            }}
            onChange={(event) =>
              editor.updateShape({ id: shape.id, type: THEME_SHAPE_TYPE, props: { title: event.currentTarget.value.slice(0, TITLE_MAX) } })
            }
          />
        ) : (
          <span className="theme__title" title={title}>
            {title}
          </span>
        )}
        <span className="theme__count">{t('theme.noteCount', { count: noteCount })}</span>
        <ThemeVotes shape={shape} editor={editor} />
      </div>
    </HTMLContainer>
  )
}

/**
 * Votes on the theme as a whole, during a voting round that covers the theme's area. The
 * controls sit at the header's right end and grow from there as the camera zooms out, so that
 * their buttons stay at least 24 px on screen, as a note's do.
 */
function ThemeVotes({ shape, editor }: { shape: ThemeShape; editor: Editor }) {
  const board = useBoardSessionContext()
  const areaId = useValue(
    'theme area',
    () => {
      const first = editor
        .getSortedChildIdsForParent(shape.id)
        .map((id) => editor.getShape(id))
        .find((child) => child?.type === 'note')
      return first ? readNoteMeta(first.meta).areaId : null
    },
    [editor, shape.id],
  )
  const round = board?.session.voting
  // Outside a voting round a theme has no vote controls, and nothing of it follows the camera.
  if (!board || !round || !inVotingScope(round, areaId)) return null
  return <ThemeVoteControls shape={shape} editor={editor} board={board} round={round} />
}

function ThemeVoteControls({
  shape,
  editor,
  board,
  round,
}: {
  shape: ThemeShape
  editor: Editor
  board: BoardSessionValue
  round: VotingRound
}) {
  const { t } = useBoardLocale(editor)
  const exporting = useSvgExportContext() !== null
  const controls = useVoteControls(editor, { shapeScale: 1, room: shape.props.w - 2 * THEME_HEADER_PADDING, exporting })
  const count = board.tally.get(shape.id) ?? 0
  const canVote = round.active && board.role !== 'observer' && !exporting
  return (
    <span
      className={`theme__votes${controls.buttons === 'none' ? ' theme__votes--far' : ''}`}
      style={{ transform: `scale(${controls.scale})` }}
      data-votes={count}
      data-vote-buttons={canVote ? controls.buttons : undefined}
    >
      <span className="note-votes__count" title={t('theme.votes', { count })}>
        ● {count}
      </span>
      {canVote && <VoteButtons shapeId={shape.id} on="theme" board={board} buttons={controls.buttons} t={t} />}
    </span>
  )
}
