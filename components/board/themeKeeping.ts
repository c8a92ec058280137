import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { THEME_SHAPE_TYPE } from '@/lib/board/planShapes'
import { groupIntoTheme, isTheme, relayoutTheme } from './planActions'
import { translator } from '@/lib/i18n/messages'
import { toLocale } from '@/lib/i18n/locales'

/**
 * Keeps themes tidy as people work: when this user's change adds a note to a theme, takes one
 * out, or makes one grow, the theme lays its notes out again and fits around them; a theme
 * left without notes goes. Only the author of a change does this (remote changes arrive
 * already laid out), and only once the drag is over, so a note can be dragged through a theme.
 */
export function registerThemeKeeping(editor: Editor): () => void {
  const dirty = new Set<TLShapeId>()
  let timer = -1

  const busy = () => editor.isInAny('select.translating', 'select.resizing', 'select.dragging_handle')
  const flush = () => {
    timer = -1
    if (busy()) return schedule(120)
    const themes = [...dirty]
    dirty.clear()
    editor.run(() => {
      for (const id of themes) {
        const theme = editor.getShape(id)
        if (!isTheme(theme)) continue
        if (editor.getSortedChildIdsForParent(id).length === 0) editor.deleteShapes([id])
        else relayoutTheme(editor, id)
      }
    })
  }
  const schedule = (ms = 0) => {
    if (timer === -1) timer = editor.timers.setTimeout(flush, ms)
  }
  const markParent = (shape: TLShape) => {
    const parent = editor.getShape(shape.parentId as TLShapeId)
    if (parent?.type === THEME_SHAPE_TYPE) {
      dirty.add(parent.id)
      schedule()
    }
  }

  const offCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
    if (source === 'user' && shape.type === 'note') markParent(shape)
  })
  const offChange = editor.sideEffects.registerAfterChangeHandler('shape', (prev, next, source) => {
    if (source !== 'user' || next.type !== 'note') return
    if (prev.parentId !== next.parentId) {
      // The old theme may be gone already when a theme is being ungrouped.
      if (editor.getShape(prev.parentId as TLShapeId)?.type === THEME_SHAPE_TYPE) dirty.add(prev.parentId as TLShapeId)
      markParent(next)
      schedule()
      return
    }
    const grew = (prev as TLShape<'note'>).props.growY !== (next as TLShape<'note'>).props.growY
    if (grew || prev.x !== next.x || prev.y !== next.y) markParent(next)
  })
  const offDelete = editor.sideEffects.registerAfterDeleteHandler('shape', (shape, source) => {
    if (source !== 'user' || shape.type !== 'note') return
    if (editor.getShape(shape.parentId as TLShapeId)?.type === THEME_SHAPE_TYPE) {
      dirty.add(shape.parentId as TLShapeId)
      schedule()
    }
  })
  return () => {
    offCreate()
    offChange()
    offDelete()
    if (timer !== -1) clearTimeout(timer)
  }
}

let dropPending = false

/**
 * Dropping notes onto another note that is in no theme makes a new theme of them all. Called
 * when a drag of notes ends; looks at what lies under the pointer once the drop has settled.
 */
export function groupOnDrop(editor: Editor): void {
  if (dropPending) return
  dropPending = true
  editor.timers.setTimeout(() => {
    dropPending = false
    if (editor.getIsReadonly()) return
    const dropped = editor.getSelectedShapes().filter((shape) => shape.type === 'note')
    if (dropped.length === 0 || dropped.length !== editor.getSelectedShapeIds().length) return
    const point = editor.inputs.getCurrentPagePoint()
    const target = editor
      .getShapesAtPoint(point, { hitInside: true })
      .find((shape) => shape.type === 'note' && !dropped.some((d) => d.id === shape.id))
    if (!target || editor.getShape(target.parentId as TLShapeId)?.type === THEME_SHAPE_TYPE) return
    const title = translator(toLocale(editor.user.getLocale()))('theme.newTitle')
    const themeId = groupIntoTheme(editor, [target.id, ...dropped.map((shape) => shape.id)], title)
    if (themeId) editor.setEditingShape(themeId)
  }, 0)
}
