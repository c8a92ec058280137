'use client'

import { useCallback, useEffect, useRef, useState } from 'react'
import type { Editor, TLShapeId } from 'tldraw'
import styles from './outline.module.css'

export type BoardViewMode = 'canvas' | 'outline'

/** Remembered per browser: someone who works in the outline gets it again next time. */
const VIEW_KEY = 'strategitavlan-board-view'

/**
 * Canvas or outline, remembered, and your place kept across the switch: the note selected on
 * the canvas gets focus in the outline, and the note last worked on in the outline is selected
 * and zoomed to on the canvas.
 */
export function useBoardView(editor: Editor | null) {
  const [view, setView] = useState<BoardViewMode>('canvas')
  const [outlineNote, setOutlineNote] = useState<string | null>(null)
  const lastOutlineNote = useRef<string | null>(null)
  const canvasNote = useRef<string | null>(null)

  useEffect(() => {
    if (localStorage.getItem(VIEW_KEY) === 'outline') setView('outline')
  }, [])

  // The hidden canvas must not take the keystrokes meant for the outline.
  useEffect(() => {
    if (view === 'outline') editor?.blur()
  }, [view, editor])

  const switchTo = useCallback(
    (next: BoardViewMode) => {
      if (next === view) return
      if (next === 'outline') {
        setOutlineNote(editor?.getSelectedShapes().find((shape) => shape.type === 'note')?.id ?? null)
      } else {
        canvasNote.current = lastOutlineNote.current
      }
      setView(next)
      localStorage.setItem(VIEW_KEY, next)
    },
    [editor, view],
  )

  useEffect(() => {
    const id = canvasNote.current as TLShapeId | null
    if (view !== 'canvas' || !editor || !id) return
    canvasNote.current = null
    if (!editor.getShape(id)) return
    const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches
    editor.select(id)
    editor.zoomToSelection({ animation: { duration: reducedMotion ? 0 : 240 } })
    editor.focus()
  }, [view, editor])

  const notePlaced = useCallback((id: string) => {
    lastOutlineNote.current = id
  }, [])

  return {
    view,
    switchTo,
    /** The note the outline should focus when it opens. */
    outlineNote,
    /** The note last worked on in the outline, to select on the canvas. */
    notePlaced,
    /** For the board's main element: hides the canvas (kept mounted) while the outline shows. */
    mainClass: view === 'outline' ? styles.canvasHidden : '',
  }
}
