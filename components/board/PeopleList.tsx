'use client'

import { useEffect, useId, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import type { MessageKey } from '@/lib/i18n/messages'
import { useT } from '@/components/i18n/I18nProvider'
import { useReturnFocus } from '@/components/layout/useReturnFocus'
import { membersOf, presenceColor, type MemberPresence } from './presence'

/** Who is on the board right now, with their role and branch. */
export function PeopleList({ awareness, selfId, onClose }: { awareness: Awareness | null; selfId: string; onClose(): void }) {
  const t = useT()
  const titleId = useId()
  useReturnFocus()
  const [members, setMembers] = useState<MemberPresence[]>([])
  useEffect(() => {
    if (!awareness) return
    // Cursors live in the same awareness states and change many times a second: the list is
    // replaced only when who is here, or their role or branch, has changed.
    let shown = ''
    const update = () => {
      const next = membersOf(awareness)
      const key = JSON.stringify(next.map((m) => [m.id, m.name, m.role, m.label ?? null]))
      if (key === shown) return
      shown = key
      setMembers(next)
    }
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [awareness])

  return (
    <aside className="side-panel side-panel--narrow" aria-labelledby={titleId}>
      <div className="side-panel__head">
        <h2 id={titleId}>{t('people.count', { count: members.length })}</h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('share.close')}
        </button>
      </div>
      <ul className="people" role="list">
        {members.map((member) => (
          <li key={member.id} className="people__row">
            <span className="people__dot" style={{ background: presenceColor(member.id) }} aria-hidden="true" />
            <span className="people__who">
              <span dir="auto">
                {member.name}
                {member.id === selfId && ` (${t('people.you')})`}
              </span>
              <span className="muted">
                {t(`role.${member.role}` as MessageKey)}
                {member.label && ` · ${member.label}`}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </aside>
  )
}
