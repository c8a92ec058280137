'use client'

import { useMemo, useState } from 'react'
import type * as Y from 'yjs'
import { useI18n } from '@/components/i18n/I18nProvider'
import { readRecords } from '@/lib/board/docLayout'
import type { DocFill } from '@/lib/board/session'
import { getArea, isAreaId, type AreaId } from '@/lib/planning/planningModel'

interface AreaBytes {
  areaId: AreaId | null
  notes: number
  bytes: number
}

/** The areas whose notes take the most of the document, largest first (the tray as `null`). */
export function areasByBytes(doc: Y.Doc, top = 3): AreaBytes[] {
  const byArea = new Map<AreaId | null, AreaBytes>()
  for (const record of readRecords(doc).values()) {
    if (record.typeName !== 'shape' || record.type !== 'note') continue
    const raw = (record.meta as { areaId?: unknown }).areaId
    const areaId = isAreaId(raw) ? raw : null
    const entry = byArea.get(areaId) ?? { areaId, notes: 0, bytes: 0 }
    entry.notes++
    entry.bytes += JSON.stringify(record).length
    byArea.set(areaId, entry)
  }
  return [...byArea.values()].sort((a, b) => b.bytes - a.bytes).slice(0, top)
}

/**
 * Tells a facilitator that the board nears its size limit (the sync server writes how full it
 * is into the session past 80 %: server/sync/docFill.ts), before anyone's changes are refused,
 * and where most of it lies, so they know where to clean up.
 */
export function DocFillNotice({ fill, doc }: { fill: DocFill; doc: Y.Doc | null }) {
  const { t, locale } = useI18n()
  const [hidden, setHidden] = useState<number | null>(null)
  const areas = useMemo(() => (doc ? areasByBytes(doc) : []), [doc, fill.at]) // eslint-disable-line react-hooks/exhaustive-deps
  if (hidden === fill.percent) return null
  const names = areas
    .map((a) => t('docFill.area', { area: a.areaId ? getArea(a.areaId).title[locale] : t('board.noteNoArea'), count: a.notes }))
    .join(', ')
  return (
    <div className="doc-fill" role="status" data-doc-fill={fill.percent}>
      <p>
        <strong>{t('docFill.title')}</strong> {t('docFill.body', { percent: fill.percent })}
        {names && <> {t('docFill.most', { areas: names })}</>}
      </p>
      <button type="button" className="button button--quiet" onClick={() => setHidden(fill.percent)}>
        {t('docFill.dismiss')}
      </button>
    </div>
  )
}
