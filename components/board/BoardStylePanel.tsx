'use client'

import { DefaultStylePanel, useEditor, useValue, type TLUiStylePanelProps } from 'tldraw'

/**
 * tldraw's style panel, shown only while there is something to style: with nothing selected
 * and the select tool idle it would cover a corner of the board a facilitator is projecting.
 */
export function BoardStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor()
  const visible = useValue(
    'style panel visible',
    () => editor.getSelectedShapeIds().length > 0 || !['select', 'hand', 'laser', 'zoom'].includes(editor.getCurrentToolId()),
    [editor],
  )
  return visible ? <DefaultStylePanel {...props} /> : null
}
