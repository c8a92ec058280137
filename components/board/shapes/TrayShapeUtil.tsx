import { HTMLContainer, useValue, type Editor } from 'tldraw'
import { isNoteShape } from '@/lib/board/areaOfPoint'
import { readNoteMeta } from '@/lib/board/noteMeta'
import { hasText } from '@/lib/board/richText'
import { TRAY_SHAPE_TYPE, trayShapeMigrations, trayShapeProps, type TrayShape } from '@/lib/board/shapes'
import { useBoardLocale } from '../useBoardLocale'
import { TemplateShapeUtil } from './TemplateShapeUtil'

/**
 * The *Utanför områdena* tray under the loop: where tidying gathers the notes of no area, and
 * where the server puts one left covering the map (a note dropped on a locked zone's border).
 * Not a zone: a note in it has no area. Locked.
 */
export class TrayShapeUtil extends TemplateShapeUtil<TrayShape> {
  static override type = TRAY_SHAPE_TYPE
  static override props = trayShapeProps
  static override migrations = trayShapeMigrations

  getDefaultProps(): TrayShape['props'] {
    return { w: 936, h: 312 }
  }

  component(shape: TrayShape) {
    return <Tray shape={shape} editor={this.editor} />
  }

  protected cornerRadius(_shape: TrayShape) {
    return 20
  }
}

function Tray({ shape, editor }: { shape: TrayShape; editor: Editor }) {
  const { t } = useBoardLocale(editor)
  const count = useValue(
    'notes of no area',
    () =>
      editor.getCurrentPageShapes().filter((s) => isNoteShape(s) && readNoteMeta(s.meta).areaId === null && hasText(s.props.richText))
        .length,
    [editor],
  )
  return (
    <HTMLContainer className="tray" style={{ width: shape.props.w, height: shape.props.h }} data-tray="">
      <div className="tray__title">{t('board.noteNoArea')}</div>
      <div className="tray__count">{count === 1 ? t('board.noteCountOne') : t('board.noteCount', { count })}</div>
    </HTMLContainer>
  )
}
