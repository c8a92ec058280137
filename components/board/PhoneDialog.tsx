'use client'

import QRCode from 'qrcode'
import { useCallback, useEffect, useState } from 'react'
import { useI18n } from '@/components/i18n/I18nProvider'
import { ModalDialog } from '@/components/layout/ModalDialog'

type Link = { url: string; expiresAt: number }

/**
 * A QR code people in the room scan to send ideas from their phones. It shows the board's
 * standing phone link (the same each time; see /api/boards/<id>/phone-link), which the
 * facilitator can swap for a new one or turn off.
 */
export function PhoneDialog({ boardId, onClose }: { boardId: string; onClose(): void }) {
  const { locale, t } = useI18n()
  const [link, setLink] = useState<Link | null>(null)
  const [svg, setSvg] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  const [revoked, setRevoked] = useState(false)
  const [busy, setBusy] = useState(false)
  const endpoint = `/api/boards/${encodeURIComponent(boardId)}/phone-link`

  const show = useCallback(async (response: Response) => {
    if (!response.ok) throw new Error(`phone-link answered ${response.status}`)
    const next = (await response.json()) as Link
    setSvg(await QRCode.toString(next.url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }))
    setLink(next)
    setRevoked(false)
  }, [])

  const run = useCallback(async (request: () => Promise<void>) => {
    setBusy(true)
    setFailed(false)
    try {
      await request()
    } catch {
      setFailed(true)
    } finally {
      setBusy(false)
    }
  }, [])

  useEffect(() => {
    void run(async () => show(await fetch(endpoint)))
  }, [endpoint, run, show])

  const date = link
    ? new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(link.expiresAt)
    : ''
  return (
    <ModalDialog title={t('phone.title')} narrow onClose={onClose}>
      <p>{t('phone.help')}</p>
      {failed && (
        <p className="form-error" role="alert">
          {t('command.failed')}
        </p>
      )}
      {revoked && <p role="status">{t('phone.revoked')}</p>}
      {svg && link && !revoked && (
        <>
          {/* The SVG comes from the qrcode library, built from our own URL. */}
          <div className="qr" role="img" aria-label={link.url} dangerouslySetInnerHTML={{ __html: svg }} />
          <p className="qr__link">
            <a href={link.url}>{link.url}</a>
          </p>
          <p className="muted">{t('phone.validUntil', { date })}</p>
        </>
      )}
      <div className="row">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            void run(async () =>
              show(
                await fetch(endpoint, {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ action: 'renew' }),
                }),
              ),
            )
          }
        >
          {t('phone.renew')}
        </button>
        {!revoked && (
          <button
            type="button"
            className="button button--quiet"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const response = await fetch(endpoint, { method: 'DELETE' })
                if (!response.ok) throw new Error(`phone-link answered ${response.status}`)
                setRevoked(true)
              })
            }
          >
            {t('phone.revoke')}
          </button>
        )}
      </div>
    </ModalDialog>
  )
}
