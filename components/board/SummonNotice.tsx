'use client'

import { useValue, type Editor } from 'tldraw'
import { useT } from '@/components/i18n/I18nProvider'

/** While following the facilitator: who, and a way out. */
export function SummonNotice({ editor, name }: { editor: Editor; name: string }) {
  const t = useT()
  const following = useValue('following', () => editor.getInstanceState().followingUserId !== null, [editor])
  if (!following) return null
  return (
    <div className="summon-notice" role="status">
      <span>{t('summon.following', { name })}</span>
      <button type="button" className="button" onClick={() => editor.stopFollowingUser()}>
        {t('summon.stopFollowing')}
      </button>
    </div>
  )
}
