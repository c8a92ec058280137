import { NoteShapeUtil, useValue, type Editor, type TLNoteShape } from 'tldraw'
import { getArea } from '@/lib/planning/planningModel'
import { readNoteMeta } from '@/lib/board/noteMeta'
import { useBoardLocale } from '../useBoardLocale'

/**
 * tldraw's sticky note plus a small label naming the area the note belongs to, so the
 * structure is visible on the note itself (and in its tooltip).
 */
export class TaggedNoteShapeUtil extends NoteShapeUtil {
  override component(shape: TLNoteShape) {
    return (
      <>
        {super.component(shape)}
        <NoteAreaTag shape={shape} editor={this.editor} />
      </>
    )
  }
}

function NoteAreaTag({ shape, editor }: { shape: TLNoteShape; editor: Editor }) {
  const { locale, t } = useBoardLocale(editor)
  const areaId = readNoteMeta(shape.meta).areaId
  const zoom = useValue('zoom', () => editor.getEfficientZoomLevel(), [editor])
  const label = areaId ? getArea(areaId).title[locale] : null
  return (
    <div
      // Too small to read when the whole board is in view: hidden then, the tooltip remains.
      className={zoom < 0.45 ? 'note-area-tag note-area-tag--far' : 'note-area-tag'}
      style={{ transform: `scale(${shape.props.scale})` }}
      title={label ? t('board.noteArea', { area: label }) : t('board.noteNoArea')}
      data-note-area={areaId ?? ''}
    >
      {label ?? '—'}
    </div>
  )
}
