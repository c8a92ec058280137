'use client'

import { useId, useState, type FormEvent } from 'react'
import type { Editor } from 'tldraw'
import { useI18n } from '@/components/i18n/I18nProvider'
import { ModalDialog } from '@/components/layout/ModalDialog'
import type { BoardRole } from '@/lib/auth/roles'
import { exportFileName } from '@/lib/export/fileName'
import { AREAS, type AreaId } from '@/lib/planning/planningModel'
import { shapesForScope, type ExportScope } from './export/exportShapes'
import { boardPicture } from './export/boardPicture'
import { saveFile } from './export/saveFile'
import styles from './exportDialogs.module.css'

type Format = 'png' | 'svg' | 'pdf'

const PDF_PICTURE_PIXELS = 4_000_000
type Status =
  | { kind: 'idle' }
  | { kind: 'working'; done: number; total: number; picture?: boolean }
  | { kind: 'done'; width?: number; height?: number; reducedTo?: number }
  | { kind: 'error'; message: string }

export interface ExportDialogProps {
  editor: Editor
  boardId: string
  boardName: string
  role: BoardRole
  onClose(): void
}

/** Pictures, PDF, the report and (for facilitators) the backup of the board. */
export function ExportDialog({ editor, boardId, boardName, role, onClose }: ExportDialogProps) {
  const { locale, t } = useI18n()
  const sectionIds = useId()
  const [scopeKind, setScopeKind] = useState<ExportScope['kind']>(editor.getSelectedShapeIds().length > 0 ? 'selection' : 'board')
  const [areaId, setAreaId] = useState<AreaId>(AREAS[0].id)
  const [format, setFormat] = useState<Format>('png')
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const base = `/api/boards/${encodeURIComponent(boardId)}`

  async function exportPicture(event: FormEvent) {
    event.preventDefault()
    const now = Date.now()
    try {
      if (format === 'pdf') {
        // The PDF is the server's report (notes as text, per step and area); the browser adds
        // the one thing the server cannot draw: a picture of the mind map.
        setStatus({ kind: 'working', done: 0, total: 1, picture: true })
        // A page's worth of pixels (about 230 dpi on A4): the server re-encodes the picture into
        // the PDF, and a whole board's 40 Mpx took it 4 s and 750 MB (bench/results.md). A JPEG,
        // which the PDF takes as it is, where a PNG has to be inflated and deflated again.
        // The bar counts the picture's steps and then one for the server's part.
        const picture = await boardPicture(editor, [...editor.getCurrentPageShapeIds()], {
          format: 'jpeg',
          pixelRatio: 1,
          maxPixels: PDF_PICTURE_PIXELS,
          onProgress: (done, total) => setStatus({ kind: 'working', done, total: total + 1, picture: true }),
        })
        setStatus((now) => (now.kind === 'working' ? { ...now, done: now.total - 1 } : now))
        const response = await fetch(`${base}/export.pdf?lang=${locale}`, {
          method: 'POST',
          body: picture.blob,
          headers: { 'content-type': 'image/jpeg' },
        })
        if (!response.ok) throw new Error(`export.pdf answered ${response.status}`)
        saveFile(await response.blob(), exportFileName(boardName, now, 'pdf'))
        setStatus({ kind: 'done' })
        return
      }
      const scope: ExportScope = scopeKind === 'area' ? { kind: 'area', areaId } : { kind: scopeKind }
      const ids = shapesForScope(editor, scope)
      if (ids.length === 0) return setStatus({ kind: 'error', message: t('export.nothingSelected') })
      // Sharper pictures of a part of the board; a whole board is large enough at one pixel per
      // unit (and a very large one is drawn smaller still, boardPicture.ts).
      const pixelRatio = scope.kind !== 'board' ? 2 : 1
      const { blob, width, height, reducedTo } = await boardPicture(editor, ids, {
        format,
        pixelRatio,
        onProgress: (done, total) => setStatus({ kind: 'working', done, total, picture: true }),
      })
      saveFile(blob, exportFileName(boardName, now, format))
      setStatus({ kind: 'done', width, height, reducedTo })
    } catch (error) {
      console.error(error)
      setStatus({ kind: 'error', message: t('export.failed') })
    }
  }

  const working = status.kind === 'working'
  return (
    <ModalDialog title={t('export.title')} onClose={onClose}>
      <section aria-labelledby={`${sectionIds}-picture`}>
        <h3 id={`${sectionIds}-picture`}>{t('export.picture')}</h3>
        <form className={styles.form} onSubmit={exportPicture}>
          <fieldset className={styles.choices} disabled={format === 'pdf' || working}>
            <legend>{t('export.scope')}</legend>
            {(['board', 'area', 'selection'] as const).map((kind) => (
              <label key={kind} className="checkbox">
                <input type="radio" name="scope" value={kind} checked={scopeKind === kind} onChange={() => setScopeKind(kind)} />
                <span>{t(`export.scope.${kind}`)}</span>
              </label>
            ))}
            {scopeKind === 'area' && (
              <label className="field">
                <span>{t('export.area')}</span>
                <select value={areaId} onChange={(e) => setAreaId(e.target.value as AreaId)}>
                  {AREAS.map((area) => (
                    <option key={area.id} value={area.id}>
                      {area.title[locale]}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </fieldset>
          <label className="field">
            <span>{t('export.format')}</span>
            <select value={format} onChange={(e) => setFormat(e.target.value as Format)} disabled={working}>
              {(['png', 'svg', 'pdf'] as const).map((f) => (
                <option key={f} value={f}>
                  {t(`export.format.${f}`)}
                </option>
              ))}
            </select>
          </label>
          <div>
            <button type="submit" className="button button--primary" disabled={working}>
              {t('export.download')}
            </button>
          </div>
        </form>
        <div className={styles.status} role="status" data-export-status={status.kind}>
          {status.kind === 'working' && (
            <>
              {/* A picture's steps (the SVG, then bands of pixels) are not the reader's business: its
                  text stays put while the bar moves, and the live region speaks again when it is done. */}
              <progress max={status.total} value={status.done} aria-label={t('export.progress')} />
              <span>{status.picture ? t('export.workingOne') : t('export.working', { done: status.done, total: status.total })}</span>
            </>
          )}
          {status.kind === 'done' && (
            <span data-width={status.width} data-height={status.height} data-reduced-to={status.reducedTo}>
              {status.width ? t('export.doneSize', { width: status.width, height: status.height ?? 0 }) : t('export.done')}
              {status.reducedTo && ` ${t('export.reduced', { percent: Math.round(status.reducedTo * 100) })}`}
            </span>
          )}
          {status.kind === 'error' && <span className="form-error">{status.message}</span>}
        </div>
      </section>

      <section aria-labelledby={`${sectionIds}-reports`}>
        <h3 id={`${sectionIds}-reports`}>{t('export.reports')}</h3>
        <ul className={styles.links} role="list">
          <li>
            <a className="button" href={`${base}/export.md?lang=${locale}`} download>
              {t('export.report.md')}
            </a>
          </li>
          <li>
            <a className="button" href={`${base}/export.csv?lang=${locale}`} download>
              {t('export.report.csv')}
            </a>
          </li>
          <li>
            <a className="button" href={`${base}/export.csv?lang=${locale}&sep=semicolon`} download>
              {t('export.report.csvSemicolon')}
            </a>
          </li>
          <li>
            <a className="button" href={`${base}/export.json?lang=${locale}`} download>
              {t('export.report.json')}
            </a>
          </li>
          {role === 'facilitator' && (
            <li>
              <a className="button" href={`${base}/backup.json`} download>
                {t('export.backup')}
              </a>
            </li>
          )}
        </ul>
      </section>
    </ModalDialog>
  )
}
