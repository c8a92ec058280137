'use client'

import { useRef } from 'react'
import { useValue, type Editor } from 'tldraw'
import { useI18n } from '@/components/i18n/I18nProvider'
import { STEPS, areasOfStep } from '@/lib/planning/planningModel'
import { addIdea } from './addIdea'
import { useBoardSessionContext } from './BoardSessionContext'

/**
 * Every area's "add idea" from the keyboard: the zones' own buttons sit on the canvas, which
 * Tab does not walk through, so the toolbar offers them all in the model's order.
 */
export function AddIdeaMenu({ editor }: { editor: Editor }) {
  const { locale, t } = useI18n()
  const board = useBoardSessionContext()
  const menu = useRef<HTMLDetailsElement>(null)
  const readonly = useValue('readonly', () => editor.getIsReadonly(), [editor])
  if (readonly || !board || board.role === 'observer') return null
  const locked = (areaId: string) => board.role !== 'facilitator' && board.session.lockedAreas.includes(areaId as never)
  return (
    <details className="menu" ref={menu}>
      <summary className="button button--quiet">
        <span aria-hidden="true">+</span> {t('board.addIdea')} <span aria-hidden="true">▾</span>
      </summary>
      <div className="menu__items" role="group" aria-label={t('board.addIdeaMenu')}>
        {STEPS.map((step) => (
          <div key={step.number} className="menu__group">
            <span className="menu__heading">{t('board.stepLabel', { number: step.number })}</span>
            {areasOfStep(step.number).map((area) => (
              <button
                key={area.id}
                type="button"
                className="button button--quiet"
                disabled={locked(area.id)}
                onClick={() => {
                  menu.current?.removeAttribute('open')
                  // Keys go to the canvas only while it has focus; the new note's editor needs
                  // them. The note is made once the focus has moved (next frame).
                  editor.focus()
                  requestAnimationFrame(() => addIdea(editor, area.id))
                }}
              >
                {area.title[locale]}
              </button>
            ))}
          </div>
        ))}
      </div>
    </details>
  )
}
