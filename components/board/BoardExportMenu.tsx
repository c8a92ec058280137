'use client'

import { useState } from 'react'
import type { Editor } from 'tldraw'
import { useT } from '@/components/i18n/I18nProvider'
import type { BoardRole } from '@/lib/auth/roles'
import { ExportDialog } from './ExportDialog'
import { HistoryDialog } from './HistoryDialog'

export interface BoardExportMenuProps {
  boardId: string
  boardName: string
  role: BoardRole
  editor: Editor | null
}

/** The board header's "Exportera" for everyone and "Historik" for facilitators. */
export function BoardExportMenu({ boardId, boardName, role, editor }: BoardExportMenuProps) {
  const t = useT()
  const [open, setOpen] = useState<'export' | 'history' | null>(null)
  return (
    <>
      <button type="button" className="button" disabled={!editor} onClick={() => setOpen('export')} aria-haspopup="dialog">
        {t('export.open')}
      </button>
      {role === 'facilitator' && (
        <button type="button" className="button" onClick={() => setOpen('history')} aria-haspopup="dialog">
          {t('history.open')}
        </button>
      )}
      {open === 'export' && editor && (
        <ExportDialog editor={editor} boardId={boardId} boardName={boardName} role={role} onClose={() => setOpen(null)} />
      )}
      {open === 'history' && <HistoryDialog boardId={boardId} onClose={() => setOpen(null)} />}
    </>
  )
}
