'use client'

import { useT } from '@/components/i18n/I18nProvider'

/** The plan document to take away: Word, Markdown, and the printable page (the plan panel and *Lista*). */
export function PlanLinks({ boardId }: { boardId: string }) {
  const t = useT()
  const base = `/api/boards/${encodeURIComponent(boardId)}`
  return (
    <ul className="plan-links">
      <li>
        <a href={`${base}/plan.docx`} download>
          {t('plan.docx')}
        </a>
      </li>
      <li>
        <a href={`${base}/plan.md`} download>
          {t('plan.markdown')}
        </a>
      </li>
      <li>
        <a href={`/boards/${encodeURIComponent(boardId)}/plan`} target="_blank" rel="noopener">
          {t('plan.print')}
        </a>
      </li>
    </ul>
  )
}
