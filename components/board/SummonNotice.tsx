'use client'

import { useValue, type Editor } from 'tldraw'
import { useT } from '@/components/i18n/I18nProvider'

/**
 * While following the facilitator: whom. tldraw's own "stop following" button sits at the top
 * of the canvas; moving your own view steps out too.
 */
export function SummonNotice({ editor, name }: { editor: Editor; name: string }) {
  const t = useT()
  const following = useValue('following', () => editor.getInstanceState().followingUserId !== null, [editor])
  if (!following) return null
  return (
    <div className="summon-notice" role="status">
      <span>{t('summon.following', { name })}</span>
    </div>
  )
}
