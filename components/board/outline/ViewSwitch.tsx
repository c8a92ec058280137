'use client'

import { useT } from '@/components/i18n/I18nProvider'
import type { BoardViewMode } from './useBoardView'
import styles from './outline.module.css'

/** "Tavla | Lista": two toggle buttons, the pressed one is the view shown. */
export function ViewSwitch({ view, onChange }: { view: BoardViewMode; onChange(view: BoardViewMode): void }) {
  const t = useT()
  return (
    <div className={styles.switch} role="group" aria-label={t('view.label')}>
      <button type="button" className="button button--quiet" aria-pressed={view === 'canvas'} onClick={() => onChange('canvas')}>
        {t('view.canvas')}
      </button>
      <button type="button" className="button button--quiet" aria-pressed={view === 'outline'} onClick={() => onChange('outline')}>
        {t('view.outline')}
      </button>
    </div>
  )
}
